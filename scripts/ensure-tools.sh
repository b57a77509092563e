#!/usr/bin/env bash
# Installs what the demo and the tests need and a fresh machine may lack: a JDK (11+), Maven,
# Debian's MariaDB server (started by the tests and the devstack themselves, never as a system
# service), Prometheus (with promtool), Node.js + npm and chromium for the dashboard and its
# browser test, shellcheck and nftables for deploy/'s checks. Does nothing for what is already there.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# deploy/'s tests lint the Pi scripts; without it that check would only be skipped.
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# deploy/'s tests check the lock board's firewall rule with `nft -c` (it loads nothing).
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || missing+=(nftables)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  # policy-rc.d keeps apt from starting MariaDB as a system service: we start our own.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The dashboard's Vite 8 needs Node.js 20.19+ or 22.12+ (Debian 12's own nodejs is 18).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) || a === 21 ? 0 : 1)' 2>/dev/null; then
  echo "warning: Node.js $(node --version 2>/dev/null || echo '(none)') is too old for metrics-ui (needs 20.19+ or 22.12+);" \
    "the dashboard and its tests will not run until a newer one is installed" >&2
fi
