#!/usr/bin/env bash
# Messages (issue 15), on a demo county with a webhook SMS gateway (scripts/sms_stub.mjs):
#   post_matter_with_messages ratio  POST /api/v1/matters (wrk, as matters_http_bench.sh) while a
#        second client dispatches earlier matters, with every notification rule and its SMS on,
#        against the same two loads with the rules off, in the same run. What it isolates: the
#        notifications and outbox rows each dispatch writes in its transaction and the sender
#        thread handing SMS to the gateway. Target >= 0.9 (the outbox may cost at most 10%).
#        Also prints the messages (notifications + SMS) queued per second and SMS sent per second.
#   notify_latency  dispatch -> the handler's open event stream (bench/notify_latency.mjs, a Node
#        client), after the load stopped; target p95 < 1 s.
#   notify_browser_latency  dispatch -> the message's entry in the open bell of the handler's page
#        in headless Chromium (bench/notify_browser_latency.mjs), once idle and once while wrk
#        posts matters as above; target p95 < 1 s.
# The quiet hours are off, so that every SMS is handed over at any hour of the run.
# Usage: bench/messages_bench.sh [duration_seconds=8]   (needs a release build, wrk, jq, node)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
duration=${1:-8}
bin=${MINQING_BIN:-./build/release/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-messages-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
secret=bench-secret

"$bin" demo --db "$work/bench.db" >/dev/null
node scripts/sms_stub.mjs --port-file "$work/stub.port" --secret "$secret" --log "$work/stub.log" \
  >/dev/null 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do [[ -s $work/stub.port ]] && break; sleep 0.1; done
touch "$work/stub.log"
MINQING_SMS_PROVIDER=webhook MINQING_SMS_ENDPOINT="http://127.0.0.1:$(cat "$work/stub.port")/" \
  MINQING_SMS_SECRET_KEY=$secret MINQING_SMS_QUIET_HOURS=off \
  start_minqing_server "$bin" "$work" "$work/server.log" \
  --db "$work/bench.db" --escalation-interval 0
pids+=("$server_pid")
mq=$server_url

login() {
  curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo123456\"}" | jq -r .token
}
clerk=$(login clerk)
admin=$(login admin)
# The demo handler's unit gets nine more handlers, each with a phone: a unit of ten, so that a
# dispatch tells ten people in the app and by SMS.
unit=$(curl -s "$mq/api/v1/auth/me" -H "Authorization: Bearer $(login handler)" | jq -r .user.scope_unit_id)
for i in $(seq 1 9); do
  curl -s -o /dev/null -X POST "$mq/api/v1/users" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-handler-$i\",\"display_name\":\"办理员$i\",\"role\":\"unit_handler\",
         \"scope_unit_id\":$unit,\"phone\":\"1390000000$i\",\"password\":\"bench-pass-$i-x\"}"
done
household=$(curl -s "$mq/api/v1/households?page_size=1" -H "Authorization: Bearer $clerk" | jq -r '.items[0].id')
category=$(curl -s "$mq/api/v1/categories" -H "Authorization: Bearer $clerk" |
  jq -r '[.items[] | select(.name == "道路交通")][0].id')
post_body=$(jq -cn --argjson c "$category" --argjson h "$household" \
  '{type: "report", category_id: $c, channel: "window", household_id: $h,
    title: "村口路灯坏了", content: "村口路灯坏了好几盏，晚上出行不便，请尽快维修"}')
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$post_body]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $clerk"
LUA
rules() {  # rules on|off
  local on=false
  [[ $1 == on ]] && on=true
  curl -s -o /dev/null -X PUT "$mq/api/v1/settings/notification-rules" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"rules\":[{\"rule\":\"matter_dispatched\",\"enabled\":$on,\"sms\":$on},
         {\"rule\":\"matter_replied\",\"enabled\":$on,\"sms\":$on}]}"
}
count() { sqlite3 "$work/bench.db" "$1"; }

# Matters for the dispatch load: accepted ones, made before the timed runs.
wrk -t2 -c16 -d"$((duration * 2))s" -s "$work/post.lua" "$mq/api/v1/matters" >/dev/null
count "SELECT id FROM matters WHERE status = 1 ORDER BY id" >"$work/accepted.ids"
echo "accepted matters for the dispatch load: $(wc -l <"$work/accepted.ids")"

# Dispatches matters from the list (one client, 4 at a time) to the unit of ten until killed.
cat >"$work/dispatch.mjs" <<'JS'
import fs from 'node:fs'
const [base, token, file, from, unit] = process.argv.slice(2)
const ids = fs.readFileSync(file, 'utf8').trim().split('\n').slice(Number(from))
let next = 0
const worker = async () => {
  while (next < ids.length) {
    const id = ids[next++]
    await fetch(`${base}/api/v1/matters/${id}/dispatch`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ unit_id: Number(unit) }),
    }).then((r) => r.arrayBuffer())
  }
}
await Promise.all([worker(), worker(), worker(), worker()])
JS
half=$(($(wc -l <"$work/accepted.ids") / 2))
run() {  # run on|off FROM: prints "<post_rps> <dispatches> <notifications> <sms_queued> <sms_sent>"
  rules "$1"
  local n0 s0 d0 r0
  n0=$(count "SELECT COUNT(*) FROM notifications")
  s0=$(count "SELECT COUNT(*) FROM sms_outbox")
  d0=$(count "SELECT COUNT(*) FROM matters WHERE status = 2")
  r0=$(wc -l <"$work/stub.log")
  node "$work/dispatch.mjs" "$mq" "$clerk" "$work/accepted.ids" "$2" "$unit" &
  local dispatcher=$!
  local out
  out=$(wrk -t2 -c32 -d"${duration}s" -s "$work/post.lua" "$mq/api/v1/matters")
  kill "$dispatcher" 2>/dev/null || true
  wait "$dispatcher" 2>/dev/null || true
  sleep 1
  printf '%s %s %s %s %s\n' "$(sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' <<<"$out")" \
    $(($(count "SELECT COUNT(*) FROM matters WHERE status = 2") - d0)) \
    $(($(count "SELECT COUNT(*) FROM notifications") - n0)) \
    $(($(count "SELECT COUNT(*) FROM sms_outbox") - s0)) \
    $(($(wc -l <"$work/stub.log") - r0))
}
read -r off_rps off_d off_n off_s off_sent <<<"$(run off 0)"
read -r on_rps on_d on_n on_s on_sent <<<"$(run on "$half")"
echo "rules off: post_rps=$off_rps dispatches=$off_d notifications=$off_n sms=$off_s"
echo "rules on:  post_rps=$on_rps dispatches=$on_d notifications=$on_n sms=$on_s sms_sent=$on_sent"
awk -v a="$on_rps" -v b="$off_rps" -v n="$on_n" -v s="$on_s" -v t="$on_sent" -v d="$duration" 'BEGIN {
  printf "messages_queued_per_s=%.0f (notifications %.0f/s + SMS %.0f/s), sms_sent_per_s=%.0f\n",
    (n + s) / d, n / d, s / d, t / d
  printf "post_matter_with_messages ratio=%.2f (target >= 0.9)\n", a / b }'
rules on
node bench/notify_latency.mjs "$mq" 40
node bench/notify_browser_latency.mjs "$mq" 30 idle
wrk -t2 -c32 -d120s -s "$work/post.lua" "$mq/api/v1/matters" >/dev/null &
load=$!
pids+=("$load")
sleep 2
node bench/notify_browser_latency.mjs "$mq" 30 under_post_load
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true
