#!/usr/bin/env bash
# Appends the services of one or more snippets (deploy/faasd/*.yaml: comments, then `services:`,
# then the services) to faasd's /var/lib/faasd/docker-compose.yaml and restarts faasd. A service
# the file has already is left as it is, so running it again changes nothing; before the first
# change a dated copy of the file is kept beside it. Run as root from the repository's folder:
#
#   sudo deploy/scripts/add-to-faasd-compose.sh deploy/faasd/cron-connector.yaml
#
# --no-restart leaves the restart to you; FAASD_DIR points at another faasd folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

restart=yes
if [ "${1:-}" = --no-restart ]; then
  restart=no
  shift
fi
[ "$#" -gt 0 ] || { echo "usage: sudo deploy/scripts/add-to-faasd-compose.sh [--no-restart] SNIPPET..." >&2; exit 2; }
faasd=${FAASD_DIR:-/var/lib/faasd}
compose="$faasd/docker-compose.yaml"

die() { echo "add-to-faasd-compose: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"
[ -f "$compose" ] || die "no $compose: install faasd first (docs/install-pi.md, step 2)"

changed=no
for snippet in "$@"; do
  [ -f "$snippet" ] || die "no snippet $snippet"
  name=$(sed -n '/^services:/,$ s/^  \([a-z][a-z0-9-]*\):$/\1/p' "$snippet" | head -n 1)
  [ -n "$name" ] || die "$snippet names no service"
  if grep -q "^  $name:$" "$compose"; then
    echo "add-to-faasd-compose: $compose has $name already; left as it is"
    continue
  fi
  # Appended under the file's `services:`, which must be its last top-level key.
  [ "$(grep -E '^[A-Za-z]' "$compose" | tail -n 1)" = "services:" ] \
    || die "$compose does not end with its services: section; add $snippet by hand"
  if [ "$changed" = no ]; then
    cp -p "$compose" "$compose.before-cacifo.$(date +%Y%m%d-%H%M%S)"
  fi
  [ -z "$(tail -c 1 "$compose")" ] || echo >> "$compose"
  { echo; sed -n '/^services:/,$p' "$snippet" | tail -n +2; } >> "$compose"
  changed=yes
  echo "add-to-faasd-compose: $name added to $compose"
done

if [ "$changed" = yes ] && [ "$restart" = yes ]; then
  systemctl daemon-reload
  systemctl restart faasd
  echo "add-to-faasd-compose: faasd restarted"
fi
