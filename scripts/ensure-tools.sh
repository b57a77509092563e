#!/usr/bin/env bash
# Installs what the demo and the tests need and a fresh machine may lack: a JDK (11+), Maven,
# Debian's MariaDB server (the tests and the devstack start their own mariadbd on free ports),
# Prometheus (with promtool) and Alertmanager, VictoriaMetrics (with vmalert), Node.js + npm and
# chromium for the dashboard and its browser test, shellcheck, nftables and systemd-analyze for
# deploy/'s checks, curl for deploy/host/cacifo-wake (which the devstack runs), and Debian's
# python3-cryptography for the published vectors' independent check.
# Does nothing for what is already there. Packages install with their services held back (a
# policy-rc.d that refuses every start, for the install only), so no system MariaDB, Prometheus or
# VictoriaMetrics is left running. A Node.js outside the dashboard's engines (Debian 12's own is
# 18) is replaced by scripts/ensure-node.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
# Debian's Alertmanager (binary prometheus-alertmanager, with amtool): the devstack's alerts and bin/test's config check.
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
# The push path's other central store (DEVSTACK_CENTRAL=victoria-metrics and its tests): victoria-metrics and vmalert.
command -v victoria-metrics >/dev/null 2>&1 || missing+=(victoria-metrics)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# deploy/host/cacifo-wake (bash + curl) wakes the functions on the Pi, and the devstack runs it too.
command -v curl >/dev/null 2>&1 || missing+=(curl)
# deploy/'s tests lint the Pi scripts; without it that check would only be skipped.
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# deploy/'s tests check the Pi's systemd units with `systemd-analyze verify` (no running systemd
# needed); without it that check would only be skipped.
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
# deploy/'s tests check the lock board's firewall rule with `nft -c` (it loads nothing).
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || missing+=(nftables)
# The published test vectors' independent check (docs/vectors/) runs on Debian's own Python 3, where
# python3-cryptography installs; not on another python3 that PATH may find first.
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || missing+=(python3 python3-cryptography)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  # invoke-rc.d asks /usr/sbin/policy-rc.d before starting a service; exit 101 means "not now".
  # One the machine already has (Docker images ship one) is left as it is.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# scripts/ensure-tools.sh: no service starts while it installs packages.\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
scripts/ensure-node.sh
