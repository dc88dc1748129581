#!/usr/bin/env bash
# Crash test: while clients post matters concurrently, kill -9 the server at a random moment,
# restart it, and check that every matter whose creation was acknowledged is present and that
# the database passes its integrity check. Usage: scripts/crash_test.sh [iterations] (default 3).
# Needs a release build. Ends with "N passed, N failed" (one check per iteration).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
iterations=${1:-3}
bin=./build/${MINQING_PRESET:-release}/src/cli/minqing
work=$(mktemp -d /tmp/minqing-crash.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill -9 "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db=$work/crash.db

start_server() {
  start_minqing_server "$bin" "$work" "$work/server.log" --db "$db" || {
    echo "crash: server did not start"; exit 1; }
  base=$server_url
}

# Reads a JSON document on stdin and prints the value at a dotted path ("items.0.id").
json_get() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);
    for (const k of process.argv[1].split(".")) v=v?.[k]; console.log(v ?? "")})' "$1"
}

MINQING_ADMIN_PASSWORD=crash-test-pw "$bin" init --db "$db" --county-name 测试县 --county-code 139999 >/dev/null || exit 1
start_server
token=$(curl -s -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"crash-test-pw"}' | json_get token)
county=$(curl -s "$base/api/v1/regions" -H "Authorization: Bearer $token" | json_get items.0.id)
township=$(curl -s -X POST "$base/api/v1/regions" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"parent_id\":$county,\"level\":\"township\",\"name\":\"测试镇\",\"code\":\"139999100000\"}" | json_get id)
village=$(curl -s -X POST "$base/api/v1/regions" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"parent_id\":$township,\"level\":\"village\",\"name\":\"测试村\",\"code\":\"139999100001\"}" | json_get id)
[[ -n $village ]] || { echo "crash: could not create a village"; exit 1; }

passed=0
failed=0
: >"$work/acked"
for iteration in $(seq 1 "$iterations"); do
  node scripts/crash_client.mjs "$base" "$token" "$village" "$work/acked" 8 30 >"$work/client.log" 2>&1 &
  client_pid=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 1 + (r % 300) / 100 }')"
  kill -9 "$server_pid"
  wait "$server_pid" 2>/dev/null
  server_pid=""
  wait "$client_pid"
  start_server
  sort -u "$work/acked" >"$work/acked.sorted"
  sqlite3 "$db" "SELECT number FROM matters" | sort -u >"$work/stored.sorted"
  missing=$(comm -23 "$work/acked.sorted" "$work/stored.sorted" | wc -l)
  integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
  acked=$(wc -l <"$work/acked.sorted")
  if [[ $missing -eq 0 && $integrity == ok && $acked -gt 0 ]]; then
    echo "crash: iteration $iteration ok: $acked acknowledged matters all present, integrity ok"
    passed=$((passed + 1))
  else
    echo "crash: iteration $iteration FAILED: acknowledged=$acked missing=$missing integrity=$integrity"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
