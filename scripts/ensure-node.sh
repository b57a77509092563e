#!/usr/bin/env bash
# The dashboard's Node.js. metrics-ui/package.json's `engines` names the versions it accepts (and
# metrics-ui/.npmrc makes `npm ci` refuse any other); Debian 12's own nodejs is 18, outside them.
# When the machine's node is outside that range, this installs the release below, the official
# binary as the npm registry ships it (package node-linux-<arch>), into /opt/cacifo-node and links
# it into /usr/local/bin, which PATH puts before Debian's /usr/bin. Not root: it stops with the
# command to run. `scripts/ensure-node.sh --accepts <version>` only answers whether the range takes
# that version (exit 0 or 1).
set -euo pipefail
cd "$(dirname "$0")/.."
# Inside package.json's engines; written here once.
release=20.19.6
prefix=/opt/cacifo-node

engines=$(sed -n 's/^ *"node": *"\([^"]*\)".*/\1/p' metrics-ui/package.json | head -n 1)
[ -n "$engines" ] || { echo "ensure-node: metrics-ui/package.json names no engines.node" >&2; exit 1; }

# 0 when version $1 (v20.19.6 or 20.19.6) is inside $engines. Forms used there: ^A.B.C (same
# major, at least A.B.C) and >=A.B.C, joined by ||.
accepts() {
  local version=${1#v} part op want major minor patch wmajor wminor wpatch
  IFS=. read -r major minor patch <<<"${version%%-*}"
  local parts
  IFS='|' read -r -a parts <<<"${engines//||/|}"
  for part in "${parts[@]}"; do
    part=${part// /}
    case "$part" in
      '^'*) op='^'; want=${part#^} ;;
      '>='*) op='>='; want=${part#>=} ;;
      *) echo "ensure-node: cannot read the engines range part '$part'" >&2; exit 2 ;;
    esac
    IFS=. read -r wmajor wminor wpatch <<<"$want"
    [ "$op" = '^' ] && [ "$major" -ne "$wmajor" ] && continue
    if [ "$major" -gt "$wmajor" ] \
      || { [ "$major" -eq "$wmajor" ] && [ "$minor" -gt "$wminor" ]; } \
      || { [ "$major" -eq "$wmajor" ] && [ "$minor" -eq "$wminor" ] && [ "$patch" -ge "$wpatch" ]; }; then
      return 0
    fi
  done
  return 1
}

if [ "${1:-}" = "--accepts" ]; then
  accepts "$2"
  exit
fi
accepts "$release" || { echo "ensure-node: release $release is outside engines '$engines'" >&2; exit 1; }

current=$(node --version 2>/dev/null || true)
if [ -n "$current" ] && accepts "$current"; then
  exit 0
fi
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "ensure-node: no Node.js release for $(uname -m); install one inside '$engines'" >&2; exit 1 ;;
esac
install=(npm install --prefix "$prefix" --no-save --no-audit --no-fund "node-linux-$arch@$release")
if [ "$(id -u)" -ne 0 ] || ! command -v npm >/dev/null 2>&1; then
  echo "ensure-node: node ${current:-(none)} is outside the dashboard's engines '$engines'; as root run:" >&2
  echo "  ${install[*]} && ln -sf $prefix/node_modules/node-linux-$arch/bin/node /usr/local/bin/node" >&2
  exit 1
fi
echo "ensure-node: node ${current:-(none)} is outside '$engines'; installing $release from the npm registry into $prefix"
"${install[@]}" >/dev/null
ln -sf "$prefix/node_modules/node-linux-$arch/bin/node" /usr/local/bin/node
hash -r
installed=$(node --version)
accepts "$installed" || { echo "ensure-node: node on PATH is still $installed (is /usr/local/bin before /usr/bin?)" >&2; exit 1; }
echo "ensure-node: node $installed"
