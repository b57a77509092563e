#!/usr/bin/env bash
# Lays out build/<function>/ the way `faas-cli build --shrinkwrap` does (faas-cli 0.16): the
# template folder at the root, the template's function/ skeleton with the handler folder's files
# laid over it, and each `configuration.copy` path of stack.yaml under function/.
# Usage: scripts/assemble-build-folder.sh <function> [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
fn=${1:?usage: $0 <function> [out-dir]}
out=${2:-build}/$fn
handler=functions/$fn
[ -d "$handler" ] || { echo "no handler folder $handler" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
tar -C template/java11-maven --exclude=target -cf - . | tar -C "$out" -xf -
# faas-cli copies the handler over the skeleton: the handler's pom.xml and sources win.
tar -C "$handler" --exclude=target -cf - . | tar -C "$out/function" -xf -
# configuration.copy: [./functions/kit] lands at function/functions/kit.
for path in $(sed -n '/^configuration:/,/^functions:/p' stack.yaml | sed -n 's/^ *- *\.\/\(.*\)$/\1/p'); do
  mkdir -p "$out/function/$path"
  tar -C "$path" --exclude=target -cf - . | tar -C "$out/function/$path" -xf -
done
echo "$out"
