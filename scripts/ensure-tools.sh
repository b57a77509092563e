#!/usr/bin/env bash
# Installs what the demo and the tests need and a fresh machine may lack: a JDK (11+), Maven,
# Debian's MariaDB server (the tests and the devstack start their own mariadbd on free ports; a
# system service the package may start is not used), Prometheus (with promtool) and Alertmanager,
# VictoriaMetrics (with vmalert; the package's own service is not used either), Node.js + npm and
# chromium for the dashboard and its browser test, shellcheck, nftables and systemd-analyze for
# deploy/'s checks, curl for deploy/host/cacifo-wake (which the devstack runs).
# Does nothing for what is already there. The Node.js version is npm's to check: metrics-ui/.npmrc
# makes `npm ci` refuse one outside package.json's engines (Debian 12's own nodejs is 18, too old).
set -euo pipefail

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
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
