#!/usr/bin/env bash
# Keeps the lock board's port (8070) on faasd's bridge: installs deploy/host/cacifo-board.nft as
# /etc/cacifo/cacifo-board.nft, loads it now and at every boot (deploy/host/cacifo-board-firewall.service).
# Only faasd's bridge (openfaas0, 10.62.0.0/16) and the Pi itself reach the port afterwards; the
# rest of the ruleset is left alone. Run on the Pi as root, from the repository:
#
#   sudo deploy/scripts/install-board-firewall.sh
#
# It does not enable Debian's nftables.service: its /etc/nftables.conf starts with `flush ruleset`,
# which would also remove the rules the CNI plugins make for faasd's containers. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

die() { echo "install-board-firewall: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"

if ! command -v nft > /dev/null; then
  apt-get update
  apt-get install -y nftables
fi
nft -c -f deploy/host/cacifo-board.nft || die "deploy/host/cacifo-board.nft does not load; nothing was changed"
install -D -m 0644 deploy/host/cacifo-board.nft /etc/cacifo/cacifo-board.nft
install -m 0644 deploy/host/cacifo-board-firewall.service /etc/systemd/system/cacifo-board-firewall.service
systemctl daemon-reload
systemctl enable cacifo-board-firewall.service
systemctl restart cacifo-board-firewall.service
nft list table inet cacifo_board
echo "install-board-firewall: port 8070 answers only faasd's bridge (openfaas0, 10.62.0.0/16) and the Pi itself"
