#!/usr/bin/env bash
# Makes one locker's keys and secrets, on the engineer's workstation (the back-end's side).
#
#   deploy/scripts/make-secrets.sh OUT_DIR
#
# OUT_DIR/locker/   one file per faasd secret, named as stack.yaml names it: copy this folder to
#                   the Pi, create the secrets from it (create-secrets.sh), then delete it there.
#     internal-hmac-key, code-hash-key, db-password, backend-hmac-key, lock-board-key
#                         32 random bytes, 64 hex digits each
#     internal-hmac-key-previous   the same key as internal-hmac-key (it differs only during a
#                         rotation, docs/install-pi.md "Rotating keys")
#     backend-public-keys   the back-end's EC P-256 public key (PEM)
#     locker-private-key    this locker's RSA 3072 private key (PKCS#8 PEM)
# OUT_DIR/backend/  what stays with the back-end: backend-ec-private.pem (it signs parcels),
#                   locker-rsa-public.pem (it seals this locker's codes), backend-hmac-key (it
#                   checks this locker's events and signs its answers).
#
# The key pairs come from the repository's backend-tool (`keygen`) when it is built
# (mvn -B -q -DskipTests package), otherwise from openssl; KEYGEN=openssl forces openssl. Files
# are mode 600 in mode 700 folders, OUT_DIR must not exist (nothing is overwritten), and only
# names and paths are printed, never a key.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:?usage: deploy/scripts/make-secrets.sh OUT_DIR}
[ ! -e "$out" ] || { echo "make-secrets: $out exists; choose a new folder (keys are never overwritten)" >&2; exit 1; }
command -v openssl > /dev/null || { echo "make-secrets: openssl is needed" >&2; exit 1; }

umask 077
mkdir -p "$out/locker" "$out/backend" "$out/keygen"
keys="$out/keygen"

if [ "${KEYGEN:-}" != openssl ] && [ -f backend-tool/target/backend-tool.jar ] && command -v java > /dev/null; then
  # keygen prints the paths and the key ids, never a key.
  java -cp 'backend-tool/target/backend-tool.jar:backend-tool/target/lib/*' io.cacifo.backend.Cli keygen --out "$keys"
else
  echo "make-secrets: key pairs from openssl"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$keys/ec-private-only.pem" 2> /dev/null
  openssl pkey -in "$keys/ec-private-only.pem" -pubout -out "$keys/backend-ec-public.pem"
  # As backend-tool writes it: the PUBLIC KEY block rides along (the tool needs it for the key id).
  cat "$keys/ec-private-only.pem" "$keys/backend-ec-public.pem" > "$keys/backend-ec-private.pem"
  rm "$keys/ec-private-only.pem"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$keys/locker-rsa-private.pem" 2> /dev/null
  openssl pkey -in "$keys/locker-rsa-private.pem" -pubout -out "$keys/locker-rsa-public.pem"
fi

for name in internal-hmac-key code-hash-key db-password backend-hmac-key lock-board-key; do
  openssl rand -hex 32 > "$out/locker/$name"
done
cp "$out/locker/internal-hmac-key" "$out/locker/internal-hmac-key-previous"
mv "$keys/backend-ec-public.pem" "$out/locker/backend-public-keys"
mv "$keys/locker-rsa-private.pem" "$out/locker/locker-private-key"
mv "$keys/backend-ec-private.pem" "$out/backend/backend-ec-private.pem"
mv "$keys/locker-rsa-public.pem" "$out/backend/locker-rsa-public.pem"
cp "$out/locker/backend-hmac-key" "$out/backend/backend-hmac-key"
rmdir "$keys"
chmod 600 "$out"/locker/* "$out"/backend/*

echo "make-secrets: the locker's secrets (copy to the Pi):"
for file in "$out"/locker/*; do echo "  $file"; done
echo "make-secrets: the back-end keeps:"
for file in "$out"/backend/*; do echo "  $file"; done
