#!/usr/bin/env bash
# Matters over HTTP, each as a ratio to nginx serving a static JSON file of the same size as
# minqing's answer, measured with wrk in one run on this machine (same threads and connections):
#   post_matter ratio  POST /api/v1/matters as the window clerk (centre_staff); durable: the
#                      server answers after the commit (target >= 0.25)
#   get_matter ratio   GET /api/v1/matters/{id} (target >= 0.5)
# A wrk Lua `response` hook counts non-2xx answers for every run and prints them, so errors are
# never reported as speed; a run with errors prints "INVALID". After the POST run the script also
# checks that every acknowledged matter is in the database.
# Usage: bench/matters_http_bench.sh [duration_seconds]   (needs a release build; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
duration=${1:-8}
threads=2
connections=32
bin=./build/release/src/cli/minqing
work=$(mktemp -d /tmp/minqing-matters-bench.XXXXXX)
chmod 755 "$work"  # nginx's worker (www-data) must read the static files, or it answers 403.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.db" >/dev/null
# MINQING_SERVE_ARGS passes extra options to serve, e.g. "--workers 32".
# shellcheck disable=SC2086  # Word splitting intended: several options.
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/bench.db" ${MINQING_SERVE_ARGS:-}
pids+=("$server_pid")
mq=$server_url

login() {
  curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo123456\"}" | jq -r .token
}
token=$(login clerk)
admin_token=$(login admin)
auth=(-H "Authorization: Bearer $token")
household=$(curl -s "$mq/api/v1/households?page_size=1" "${auth[@]}" | jq -r '.items[0].id')
address=$(curl -s "$mq/api/v1/households/$household" "${auth[@]}" | jq -r '.address')
category=$(curl -s "$mq/api/v1/categories" "${auth[@]}" |
  jq -r '[.items[] | select(.name == "道路交通")][0].id')
# A closed matter with a full timeline (accepted, dispatched, signed, step, replied, confirmed).
matter=$(curl -s "$mq/api/v1/matters?status=closed&page_size=50" "${auth[@]}" |
  jq -r '[.items[] | select(.confirmed_via != "window")][0].id')

post_body=$(jq -cn --argjson c "$category" --argjson h "$household" --arg a "$address" \
  '{type: "report", category_id: $c, channel: "window", household_id: $h,
    title: "村口路灯坏了", content: "村口路灯坏了好几盏，晚上出行不便，请尽快维修", address: $a}')
post_answer=$(curl -s -X POST "$mq/api/v1/matters" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "$post_body")
get_answer=$(curl -s "$mq/api/v1/matters/$matter" "${auth[@]}")
[[ $(jq -r '.receipt.number' <<<"$post_answer") != null ]] || {
  echo "POST failed: $post_answer" >&2
  exit 1
}
[[ $(jq -r '.matter.id' <<<"$get_answer") == "$matter" ]] || {
  echo "GET failed: $get_answer" >&2
  exit 1
}

# nginx serves static files of the same sizes as minqing's answers.
mkdir -p "$work/www"
printf '%s' "$post_answer" >"$work/www/post.json"
printf '%s' "$get_answer" >"$work/www/get.json"
nginx_port=$((30000 + RANDOM % 20000))
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

# Every run uses the same Lua hooks, so nginx and minqing pay the same wrk-side cost. $1: the
# request setup (method, body, headers).
lua() {
  cat <<LUA
$1
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; bad = 0; last_bad = 0 end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1; last_bad = status end
end
function done(summary, latency, requests)
  local o, b, s = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("bad")
    if t:get("last_bad") ~= 0 then s = t:get("last_bad") end
  end
  io.write(string.format("codes ok=%d non2xx=%d last_non2xx=%d p99_ms=%.2f\n", o, b, s,
                         latency:percentile(99) / 1000))
end
LUA
}
lua 'wrk.method = "GET"' >"$work/nginx.lua"
lua "wrk.method = \"POST\"
wrk.body = [[$post_body]]
wrk.headers[\"Content-Type\"] = \"application/json\"
wrk.headers[\"Authorization\"] = \"Bearer $token\"" >"$work/post.lua"
lua "wrk.method = \"GET\"
wrk.headers[\"Authorization\"] = \"Bearer $token\"" >"$work/get.lua"

total_matters() {
  curl -s "$mq/api/v1/matters?page_size=1" -H "Authorization: Bearer $admin_token" | jq -r .total
}
# Runs wrk; prints "<requests/sec> <ok> <non2xx> <last_non2xx> <p99_ms>".
run() {
  local out
  out=$(wrk -t$threads -c$connections -d"${duration}s" -s "$1" "$2")
  printf '%s %s\n' "$(sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' <<<"$out")" \
    "$(sed -n 's/^codes ok=\([0-9]*\) non2xx=\([0-9]*\) last_non2xx=\([0-9]*\) p99_ms=\([0-9.]*\)/\1 \2 \3 \4/p' \
      <<<"$out")"
}
report() {  # name target nginx_result minqing_result bytes
  read -r n_rps n_ok n_bad n_code n_p99 <<<"$3"
  read -r m_rps m_ok m_bad m_code m_p99 <<<"$4"
  echo "$1: bytes=$5 nginx_rps=$n_rps (ok=$n_ok non2xx=$n_bad last_non2xx=$n_code p99=${n_p99}ms)" \
    "minqing_rps=$m_rps (ok=$m_ok non2xx=$m_bad last_non2xx=$m_code p99=${m_p99}ms)"
  if ((n_bad > 0 || m_bad > 0 || m_ok == 0)); then
    echo "$1 ratio=INVALID (non-2xx answers; see server log)"
    status=1
  else
    awk -v a="$m_rps" -v b="$n_rps" -v n="$1" -v t="$2" \
      'BEGIN { printf "%s ratio=%.2f (target >= %s)\n", n, a / b, t }'
  fi
}
status=0

nginx_post=$(run "$work/nginx.lua" "http://127.0.0.1:$nginx_port/post.json")
before=$(total_matters)
mq_post=$(run "$work/post.lua" "$mq/api/v1/matters")
after=$(total_matters)
nginx_get=$(run "$work/nginx.lua" "http://127.0.0.1:$nginx_port/get.json")
mq_get=$(run "$work/get.lua" "$mq/api/v1/matters/$matter")

report post_matter 0.25 "$nginx_post" "$mq_post" "$(wc -c <"$work/www/post.json")"
read -r _ acked _ <<<"$mq_post"
echo "post_matter durability: acknowledged=$acked stored=$((after - before))" \
  "(stored >= acknowledged; in-flight posts at the end may be stored unacknowledged)"
((after - before >= acked)) || { echo "post_matter LOST MATTERS" && status=1; }
report get_matter 0.5 "$nginx_get" "$mq_get" "$(wc -c <"$work/www/get.json")"
exit $status
