#!/usr/bin/env bash
# Creates (or updates) every secret stack.yaml mounts, one `faas-cli secret create NAME --from-file`
# per name, from a folder holding one file per name (make-secrets.sh's OUT_DIR/locker). Run it on
# the Pi after `faas-cli login`, so the values travel only to 127.0.0.1:
#
#   deploy/scripts/create-secrets.sh ~/cacifo-secrets
#
# OPENFAAS_URL picks another gateway (default http://127.0.0.1:8080). All names are checked before
# the first one is created. faas-cli prints names and statuses only; no value is printed.
# The rotating keys (internal-hmac-key, internal-hmac-key-previous, backend-public-keys,
# backend-hmac-key) are read again by the running functions within 10 s; after changing any other
# secret, deploy the functions that mount it again (docs/install-pi.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=${1:?usage: deploy/scripts/create-secrets.sh SECRETS_DIR}
gateway=${OPENFAAS_URL:-http://127.0.0.1:8080}

# Every name in the `secrets: [...]` lists of stack.yaml, once.
names=$(sed -n 's/^ *secrets: *\[\(.*\)\] *$/\1/p' stack.yaml | tr ',' '\n' | tr -d ' ' | sed '/^$/d' | sort -u)
[ -n "$names" ] || { echo "create-secrets: no secrets found in stack.yaml" >&2; exit 1; }

missing=0
for name in $names; do
  if [ ! -s "$dir/$name" ]; then
    echo "create-secrets: $dir/$name is missing or empty" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

for name in $names; do
  if ! faas-cli secret create "$name" --from-file "$dir/$name" --gateway "$gateway"; then
    echo "create-secrets: $name exists, updating it"
    faas-cli secret update "$name" --from-file "$dir/$name" --gateway "$gateway"
  fi
done
echo "create-secrets: $(echo "$names" | wc -l) secrets on $gateway"
