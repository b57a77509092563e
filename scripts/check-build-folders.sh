#!/usr/bin/env bash
# Proves each function builds the way its image will be built: assemble the faas-cli build folder,
# then run the template's Maven build inside it, offline (everything comes from the local
# repository the reactor build just filled). Prints one line per function and fails on the first miss.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
functions=$(sed -n '/^functions:/,$p' stack.yaml | sed -n 's/^  \([a-z][a-z-]*\):$/\1/p')
for fn in $functions; do
  dir=$(scripts/assemble-build-folder.sh "$fn" "$work")
  start=$(date +%s)
  if ! (cd "$dir" && mvn -B -q -o -DskipTests package > "$work/$fn.log" 2>&1); then
    echo "build folder of $fn: FAILED" >&2
    tail -30 "$work/$fn.log" >&2
    exit 1
  fi
  for expected in function/target/function.jar function/target/lib/kit-0.1.0.jar function/target/lib/entrypoint-0.1.0.jar \
      training/target/appcds-training.jar; do
    [ -f "$dir/$expected" ] || { echo "build folder of $fn: $expected missing" >&2; exit 1; }
  done
  echo "build folder of $fn: ok ($(( $(date +%s) - start )) s)"
done
