#!/usr/bin/env bash
# Installs the wake-up units: deploy/host/cacifo-wake as /usr/local/sbin/cacifo-wake, run at every
# boot by cacifo-wake.service and every minute by cacifo-wake.timer (cacifo-wake-check.service), so
# no function stays down after a power cut or a crash until a customer's call. Run on the Pi as
# root, from the repository, once the functions are deployed:
#
#   sudo deploy/scripts/install-wake.sh
#
# It ends by running one check now and fails if a function does not answer. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

die() { echo "install-wake: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"
command -v curl > /dev/null || die "curl is missing (sudo apt-get install -y curl)"

install -m 0755 deploy/host/cacifo-wake /usr/local/sbin/cacifo-wake
install -m 0644 deploy/host/cacifo-wake.service /etc/systemd/system/cacifo-wake.service
install -m 0644 deploy/host/cacifo-wake-check.service /etc/systemd/system/cacifo-wake-check.service
install -m 0644 deploy/host/cacifo-wake.timer /etc/systemd/system/cacifo-wake.timer
systemctl daemon-reload
# The boot unit runs at the next boot; the timer starts now.
systemctl enable cacifo-wake.service
systemctl enable --now cacifo-wake.timer
systemctl start cacifo-wake-check.service \
  || die "a function did not answer: journalctl -u cacifo-wake-check names it"
echo "install-wake: every function answers; checked again every minute (systemctl list-timers cacifo-wake.timer)"
