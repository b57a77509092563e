#!/usr/bin/env bash
# One parcel through the deployed locker, as the back-end, a courier and a customer would do it:
# the back-end announces it (backend-tool, signed with the back-end's key, codes sealed for this
# locker), the courier types the deposit code on the screen (screen-io), the door opens on the lock
# board door-io drives (the simulator), the courier closes it, the parcel is IN_STORAGE; then the
# customer's pick-up code opens it again and the parcel is DELIVERED. Run from the repository on
# the workstation, with the repository built (mvn -B -q -DskipTests package):
#
#   OPENFAAS_URL=http://cacifo-pi.local:8080 SIMULATOR_URL=http://127.0.0.1:8070 \
#     deploy/scripts/smoke-test.sh ~/cacifo-keys/locker-001/backend [DOOR]
#
# BACKEND_DIR is make-secrets.sh's OUT_DIR/backend. DOOR (default 1) must be a door of the
# simulator's layout that holds no parcel. The codes are kept in variables and never printed.
set -euo pipefail
cd "$(dirname "$0")/../.."

keys=${1:?usage: OPENFAAS_URL=... SIMULATOR_URL=... deploy/scripts/smoke-test.sh BACKEND_DIR [DOOR]}
door=${2:-1}
gateway=${OPENFAAS_URL:?set OPENFAAS_URL to the gateway of the Pi, e.g. http://cacifo-pi.local:8080}
simulator=${SIMULATOR_URL:-http://127.0.0.1:8070}
backend_key="$keys/backend-ec-private.pem"
locker_key="$keys/locker-rsa-public.pem"

die() { echo "smoke-test: FAILED: $*" >&2; exit 1; }
step() { echo "smoke-test: $*"; }
[ -f backend-tool/target/backend-tool.jar ] || die "build the repository first: mvn -B -q -DskipTests package"
if [ ! -f "$backend_key" ] || [ ! -f "$locker_key" ]; then
  die "$keys must hold backend-ec-private.pem and locker-rsa-public.pem"
fi
case $door in '' | *[!0-9]*) die "DOOR must be a number" ;; esac

backend_tool() {
  java -cp 'backend-tool/target/backend-tool.jar:backend-tool/target/lib/*' io.cacifo.backend.Cli "$@"
}
call() {  # call FUNCTION ACTION BODY: a call signed as the back-end; prints "HTTP nnn" and the body
  backend_tool call --gateway "$gateway" --backend-key "$backend_key" --function "$1" --action "$2" --body "$3" || true
}
enter_code() {  # enter_code CODE: what the screen shows, with the HTTP status on the last line
  printf '{"code":"%s","screen_id":"main"}' "$1" | curl -sS -X POST -H 'Content-Type: application/json' \
    --data-binary @- -w '\nHTTP %{http_code}' "$gateway/function/screen-io?action=enter"
}
wait_for_status() {  # wait_for_status ID STATUS: polls reservation-manager for up to 30 s
  local reply
  for _ in $(seq 1 30); do
    reply=$(call reservation-manager get "{\"id\":$1}")
    if grep -q "\"status\":\"$2\"" <<< "$reply"; then
      return 0
    fi
    sleep 1
  done
  die "parcel $1 is not $2 after 30 s: $(tail -n 1 <<< "$reply")"
}
open_and_close() {  # open_and_close CODE WHO: the code opens the door on the board, then it is closed
  local reply
  reply=$(enter_code "$1")
  if ! grep -q '^HTTP 200$' <<< "$reply" || ! grep -q '"state":"OPEN"' <<< "$reply"; then
    die "the $2 code did not open door $door: $reply"
  fi
  step "screen: $(grep -o '"display":"[^"]*"' <<< "$reply")"
  # The simulator's page view: its board API obeys only door-io's signed calls.
  local doors
  doors=$(curl -sS "$simulator/ui/state")
  grep -o "{\"id\":$door,[^}]*}" <<< "$doors" | grep -q '"open":true' \
    || die "the screen says open but the simulator at $simulator shows door $door closed (is door-io's lock_board_url this simulator?)"
  step "board: door $door is open; closing it as the $2 would"
  curl -fsS -X POST -H 'Content-Type: application/json' --data '{}' "$simulator/ui/doors/$door/close" > /dev/null \
    || die "the simulator at $simulator did not close door $door"
}

curl -sS -o /dev/null "$simulator/ui/state" || die "no simulator at $simulator (see docs/install-pi.md, step 8)"

reply=$(call door-manager insert "{\"id\":$door,\"size\":\"SMALL\"}")
case $(head -n 1 <<< "$reply") in
  "HTTP 201") step "door $door registered with door-manager" ;;
  "HTTP 409") step "door $door was registered already" ;;
  *) die "door-manager insert: $reply" ;;
esac

parcel=$(backend_tool parcel --gateway "$gateway" --backend-key "$backend_key" --locker-key "$locker_key" \
  --external-id "smoke-$(date +%Y%m%d-%H%M%S)" --door "$door") || die "the locker refused the parcel: $(head -n 2 <<< "$parcel" | tail -n 1)"
id=$(grep -o '"id":[0-9]*' <<< "$parcel" | head -n 1 | cut -d: -f2)
deposit=$(awk '$1 == "deposit_code" { print $2 }' <<< "$parcel")
pickup=$(awk '$1 == "pickup_code" { print $2 }' <<< "$parcel")
if [ -z "$id" ] || [ -z "$deposit" ] || [ -z "$pickup" ]; then
  die "unexpected parcel reply: $(head -n 1 <<< "$parcel")"
fi
unset parcel
step "parcel $id announced for door $door"

open_and_close "$deposit" courier
wait_for_status "$id" IN_STORAGE
step "parcel $id is IN_STORAGE"

open_and_close "$pickup" customer
wait_for_status "$id" DELIVERED
step "parcel $id is DELIVERED"
unset deposit pickup
echo "smoke-test: passed"
