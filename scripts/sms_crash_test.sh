#!/usr/bin/env bash
# SMS crash test: the server is killed with -9 while its sender hands messages to a (slow) webhook
# gateway (scripts/sms_stub.mjs). Then every message must be sent or still queued (none lost, none
# in another state), every message the database calls sent must have reached the gateway, and
# after a restart every message reaches the gateway; a message may arrive twice (the ones in
# flight at the kill), never zero times and never three times. The outbox is seeded with queued
# sign-off codes through sqlite3, as intakes would have left them. Usage: scripts/sms_crash_test.sh path/to/minqing [n]
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=${1:-./build/${MINQING_PRESET:-release}/src/cli/minqing}
count=${2:-200}
work=$(mktemp -d /tmp/minqing-sms-crash.XXXXXX)
server_pid=""
stub_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill -9 "$server_pid" 2>/dev/null
  [[ -n $stub_pid ]] && kill "$stub_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then
    echo "sms-crash: ok: $name"
    passed=$((passed + 1))
  else
    echo "sms-crash: FAILED: $name"
    failed=$((failed + 1))
  fi
}
db=$work/sms.db
secret=sms-crash-secret-1

MINQING_ADMIN_PASSWORD=sms-crash-pw1 "$bin" init --db "$db" >/dev/null || { echo "init failed"; exit 1; }
now=$(date +%s)
{
  echo "BEGIN;"
  for i in $(seq 1 "$count"); do
    printf "INSERT INTO sms_outbox (id, phone, text, created_at, kind, params, state, attempts, next_attempt_at) VALUES (%d, '138%08d', '【民情】验证码%06d', %d, 'signoff_code', '{\"number\":\"T%d\",\"code\":\"%06d\",\"link\":\"https://x/p\"}', 'queued', 0, 0);\n" \
      "$i" "$i" "$i" "$now" "$i" "$i"
  done
  echo "COMMIT;"
} | sqlite3 "$db" || { echo "seeding failed"; exit 1; }

node scripts/sms_stub.mjs --port-file "$work/stub.port" --secret "$secret" --log "$work/stub.log" \
  --delay-ms 40 >"$work/stub.out" 2>&1 &
stub_pid=$!
for _ in $(seq 1 100); do [[ -s $work/stub.port ]] && break; sleep 0.1; done
[[ -s $work/stub.port ]] || { echo "the stub did not start"; cat "$work/stub.out"; exit 1; }
touch "$work/stub.log"

serve() {
  MINQING_SMS_PROVIDER=webhook MINQING_SMS_ENDPOINT="http://127.0.0.1:$(cat "$work/stub.port")/" \
    MINQING_SMS_SECRET_KEY=$secret start_minqing_server "$bin" "$work" "$work/server.log" \
    --db "$db" --escalation-interval 0 --sms-interval-ms 20 --sms-retry-seconds 1 ||
    { echo "serve did not start"; exit 1; }
}
received() { wc -l <"$work/stub.log"; }
unique_received() { sed -n 's/.*"id":"\([0-9]*\)".*/\1/p' "$work/stub.log" | sort -u | wc -l; }

serve
for _ in $(seq 1 200); do [[ $(received) -ge $((count / 4)) ]] && break; sleep 0.05; done
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=""
at_kill=$(received)
echo "sms-crash: killed with $at_kill of $count messages received by the gateway"
check "the kill landed while messages were being sent" test "$at_kill" -gt 0 -a "$at_kill" -lt "$count"
states=$(sqlite3 "$db" "SELECT COUNT(*) FROM sms_outbox WHERE state NOT IN ('queued', 'sent')")
total=$(sqlite3 "$db" "SELECT COUNT(*) FROM sms_outbox")
check "after the kill every message is sent or queued ($total rows)" test "$states" = 0 -a "$total" = "$count"
sqlite3 "$db" "SELECT id FROM sms_outbox WHERE state = 'sent'" | sort -u >"$work/sent.ids"
sed -n 's/.*"id":"\([0-9]*\)".*/\1/p' "$work/stub.log" | sort -u >"$work/received.ids"
check "every message recorded sent reached the gateway" \
  test "$(comm -23 "$work/sent.ids" "$work/received.ids" | wc -l)" = 0
check "the database is intact" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok

serve
for _ in $(seq 1 600); do
  [[ $(sqlite3 "$db" "SELECT COUNT(*) FROM sms_outbox WHERE state = 'sent'") -eq $count ]] && break
  sleep 0.1
done
sent=$(sqlite3 "$db" "SELECT COUNT(*) FROM sms_outbox WHERE state = 'sent'")
check "after the restart all $count are sent ($sent)" test "$sent" = "$count"
check "every message reached the gateway at least once" test "$(unique_received)" = "$count"
duplicates=$(($(received) - $(unique_received)))
echo "sms-crash: $duplicates message(s) reached the gateway twice (in flight at the kill)"
check "at most one batch was sent twice ($duplicates)" test "$duplicates" -le 20
most=$(sed -n 's/.*"id":"\([0-9]*\)".*/\1/p' "$work/stub.log" | sort | uniq -c | sort -rn | awk 'NR == 1 {print $1}')
check "no message reached the gateway more than twice (most: $most)" test "${most:-0}" -le 2
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
