#!/usr/bin/env bash
# The fleet's alert rules and Alertmanager config (bin/test runs this): promtool checks the three rule
# files, runs the rules' unit tests (prometheus/tests/*.test.yml: each alert firing and not), and
# amtool checks prometheus/alertmanager.yml. Needs no build and starts no server.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in promtool amtool; do
  command -v "$tool" >/dev/null 2>&1 || { echo "alert-tests: $tool is missing; run scripts/ensure-tools.sh as root" >&2; exit 1; }
done

promtool check rules prometheus/fleet-rules.yml prometheus/function-limits.yml prometheus/alerts.yml
promtool test rules prometheus/tests/*.test.yml
amtool check-config prometheus/alertmanager.yml
