#!/usr/bin/env bash
# The dashboard's and the Prometheus configs' tests (bin/test runs this after the Maven build,
# whose jars it needs): promtool on both configs, npm ci, the Vitest tests, the production build,
# then a devstack of its own on free ports (with the locker and central Prometheus), the bundle
# check against that devstack's secrets, and the end-to-end runs in Debian's chromium: the door
# simulator's locker page (e2e/simulator.e2e.mjs), then the dashboard.
# Results: metrics-ui/test-results/ (dashboard.png, e2e-summary.json, simulator.png,
# simulator-summary.json, the servers' logs).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
ui="$repo/metrics-ui"
began=$SECONDS
step() { printf '\n== ui-tests: %s (%d s)\n' "$1" $((SECONDS - began)); }

for tool in node npm promtool prometheus chromium java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ui-tests: $tool is missing; run scripts/ensure-tools.sh as root" >&2; exit 1; }
done
for jar in devstack/target/devstack.jar backend-tool/target/backend-tool.jar door-simulator/target/door-simulator.jar; do
  [ -f "$jar" ] || { echo "ui-tests: $jar is missing; run the Maven build first (mvn -B install)" >&2; exit 1; }
done

step "promtool check config"
promtool check config prometheus-federate.yml
promtool check config prometheus/locker.yml
# The push path's two files (docs/observability.md, "Push path (remote write)").
promtool check config prometheus/locker-remote-write.yml
promtool check config prometheus/central-remote-write.yml

# npm ci also checks the Node.js version against package.json's engines (metrics-ui/.npmrc).
step "npm ci"
(cd "$ui" && npm ci --no-audit --no-fund --loglevel=error)
step "unit tests (Vitest)"
(cd "$ui" && npm test)
step "production build"
(cd "$ui" && npm run build)

step "devstack on free ports"
# A root of its own (links to this checkout), so the devstack's state (<root>/.devstack) and ports
# never touch a demo that may be running from the checkout itself.
root=$(mktemp -d "${TMPDIR:-/tmp}/cacifo-ui-tests.XXXXXX")
for entry in "$repo"/*; do ln -s "$entry" "$root/$(basename "$entry")"; done
mkdir -p "$ui/test-results"
# Logged inside the run's own root and copied out at the end, so two runs never share a file.
out="$root/devstack.log"
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
export DEVSTACK_PORT=$(free_port) DEVSTACK_SIM_PORT=$(free_port) DEVSTACK_BACKEND_PORT=$(free_port) \
  DEVSTACK_DB_PORT=$(free_port) DEVSTACK_PROM_PORT=$(free_port) DEVSTACK_CENTRAL_PROM_PORT=$(free_port) \
  DEVSTACK_ALERTMANAGER_PORT=$(free_port) \
  DEVSTACK_AUTO_CLOSE_MS=0
(cd "$root" && exec java -XX:+UseSerialGC -Xmx128m -cp "$repo/devstack/target/devstack.jar:$repo/devstack/target/lib/*" \
  io.cacifo.devstack.Main) >"$out" 2>&1 &
devstack=$!
stop_devstack() {
  # SIGTERM: the devstack's shutdown hook stops every process it started.
  if kill -0 "$devstack" 2>/dev/null; then
    kill "$devstack"
    for _ in $(seq 1 60); do kill -0 "$devstack" 2>/dev/null || break; sleep 0.5; done
  fi
  cp "$out" "$root"/.devstack/logs/prometheus-*.log "$root"/.devstack/logs/alertmanager.log "$ui/test-results/" 2>/dev/null || true
  rm -rf "$root"
}
trap stop_devstack EXIT
for _ in $(seq 1 240); do
  grep -q 'cacifo devstack is up' "$out" && break
  kill -0 "$devstack" 2>/dev/null || { cat "$out" >&2; echo "ui-tests: the devstack did not start" >&2; exit 1; }
  sleep 0.5
done
grep -q 'cacifo devstack is up' "$out" || { cat "$out" >&2; echo "ui-tests: the devstack did not start in 120 s" >&2; exit 1; }
central=$(grep 'Prometheus (central)' "$out" | grep -o 'http://[0-9.]*:[0-9]*' || true)
[ -n "$central" ] || { cat "$out" >&2; echo "ui-tests: the devstack started no central Prometheus" >&2; exit 1; }

step "bundle check (no credential in dist/)"
node "$ui/scripts/check-bundle.mjs" --secrets "$root/.devstack/secrets/all" "$ui/dist"

# The simulator's page first: the dashboard's run below types wrong codes on the simulator's
# screen every second, which locks that screen out for the rest of this devstack's life.
step "simulator page end-to-end (chromium)"
CACIFO_SIMULATOR_URL="http://127.0.0.1:$DEVSTACK_SIM_PORT" CACIFO_DEVSTACK_LOG="$out" \
  node "$ui/e2e/simulator.e2e.mjs"

step "end-to-end (chromium)"
CACIFO_GATEWAY_URL="http://127.0.0.1:$DEVSTACK_PORT" CACIFO_PROMETHEUS_URL="$central" \
  CACIFO_SIMULATOR_URL="http://127.0.0.1:$DEVSTACK_SIM_PORT" CACIFO_DEVSTACK_STATE="$root/.devstack" \
  CACIFO_DASHBOARD_PORT=$(free_port) CACIFO_SCRAPE_INTERVAL_SECONDS=2 \
  node "$ui/e2e/dashboard.e2e.mjs"

step "done"
