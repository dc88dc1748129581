#!/usr/bin/env bash
# Matters over HTTP, each as a ratio to nginx serving a static JSON file of the same size as
# minqing's answer, measured with wrk in one run on this machine (same threads and connections):
#   post_matter ratio  POST /api/v1/matters as the window clerk (centre_staff); durable: the
#                      server answers after the commit (target >= 0.25)
#   get_matter ratio   GET /api/v1/matters/{id} (target >= 0.5)
# A wrk Lua `response` hook counts non-2xx answers for every run and prints them, so errors are
# never reported as speed; a run with errors prints "INVALID". After the POST run the script also
# checks that every acknowledged matter is in the database.
# nginx runs twice: with as many worker processes as minqing has I/O threads (like with like: the
# ratios that count) and with one worker (the figure earlier README tables used); both print.
# MINQING_IO_THREADS sets minqing's I/O threads and nginx's workers (default: nproc).
# MINQING_BENCH_CHAIN=off measures the same binary on a database whose audit chain is not started
# (as on a database older than the chain: entries unhashed, no head update), which isolates what
# the tamper-evident chain costs an intake. Needs the sqlite3 command.
# With --pg the demo county lives in a PostgreSQL server the script starts in its scratch
# directory with PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on;
# scripts/pg_test_server.sh ... durable); the settings measured are printed.
# Usage: bench/matters_http_bench.sh [--pg] [duration_seconds]   (needs a release build; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
source bench/lib_nginx.sh
source bench/lib_wrk.sh
use_pg=false
if [[ ${1:-} == --pg ]]; then
  use_pg=true
  shift
fi
duration=${1:-8}
threads=2
connections=32
io_threads=${MINQING_IO_THREADS:-$(nproc)}
bin=${MINQING_BIN:-./build/release/src/cli/minqing}  # MINQING_BIN: another build, to compare
work=$(mktemp -d /tmp/minqing-matters-bench.XXXXXX)
chmod 755 "$work"  # nginx's worker (www-data) must read the static files, or it answers 403.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ $use_pg == true ]] && bash scripts/pg_test_server.sh stop "$work/pg" >/dev/null 2>&1
  stop_nginx "$work" nginx1
  stop_nginx "$work" nginxn
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/bench.db"
if [[ $use_pg == true ]]; then
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  db=$(bash scripts/pg_test_server.sh start "$work/pg" "$pg_port" durable)
  echo "database: PostgreSQL $(psql "$db" -Atc "SELECT current_setting('server_version') || ', fsync=' ||
    current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') ||
    ', full_page_writes=' || current_setting('full_page_writes')")"
else
  echo "database: SQLite $db"
fi
"$bin" demo --db "$db" >/dev/null
if [[ ${MINQING_BENCH_CHAIN:-on} == off ]]; then
  if [[ $use_pg == true ]]; then
    psql "$db" -qc "UPDATE audit_chain_head SET started_at = NULL"
  else
    sqlite3 "$db" "UPDATE audit_chain_head SET started_at = NULL"
  fi
  echo "audit chain: not started (MINQING_BENCH_CHAIN=off)"
fi
# MINQING_SERVE_ARGS passes extra options to serve, e.g. "--workers 32".
# shellcheck disable=SC2086  # Word splitting intended: several options.
start_minqing_server "$bin" "$work" "$work/server.log" --db "$db" \
  --io-threads "$io_threads" ${MINQING_SERVE_ARGS:-}
pids+=("$server_pid")
mq=$server_url

login() {
  curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo123456\"}" | jq -r .token
}
token=$(login clerk)
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
nginx1_port=$(start_nginx "$work" "$work/www" 1 nginx1)
nginxn_port=$(start_nginx "$work" "$work/www" "$io_threads" nginxn)

wrk_script 'wrk.method = "GET"' >"$work/nginx.lua"
wrk_script "wrk.method = \"POST\"
wrk.body = [[$post_body]]
wrk.headers[\"Content-Type\"] = \"application/json\"
wrk.headers[\"Authorization\"] = \"Bearer $token\"" >"$work/post.lua"
wrk_script "wrk.method = \"GET\"
wrk.headers[\"Authorization\"] = \"Bearer $token\"" >"$work/get.lua"

# Counted in the database itself: the list's total stops at 10,000 ("1万+").
total_matters() {
  if [[ $use_pg == true ]]; then
    psql "$db" -Atc "SELECT COUNT(*) FROM matters"
  else
    sqlite3 "$db" "SELECT COUNT(*) FROM matters"
  fi
}
report() {  # name target nginx_result(workers=io_threads) minqing_result bytes nginx_result(1)
  read -r n_rps n_ok n_bad n_code n_p99 <<<"$3"
  read -r m_rps m_ok m_bad m_code m_p99 <<<"$4"
  read -r o_rps o_ok o_bad _ _ <<<"$6"
  echo "$1: bytes=$5 nginx_rps(workers=$io_threads)=$n_rps (ok=$n_ok non2xx=$n_bad" \
    "last_non2xx=$n_code p99=${n_p99}ms) nginx_rps(workers=1)=$o_rps (ok=$o_ok non2xx=$o_bad)" \
    "minqing_rps=$m_rps (ok=$m_ok non2xx=$m_bad last_non2xx=$m_code p99=${m_p99}ms)"
  if ((n_bad > 0 || o_bad > 0 || m_bad > 0 || m_ok == 0)); then
    echo "$1 ratio=INVALID (non-2xx answers; see server log)"
    status=1
  else
    awk -v a="$m_rps" -v b="$n_rps" -v c="$o_rps" -v n="$1" -v t="$2" -v w="$io_threads" 'BEGIN {
      printf "%s ratio=%.2f (nginx workers=%d; target >= %s)\n", n, a / b, w, t
      printf "%s ratio_vs_one_worker=%.2f (nginx workers=1)\n", n, a / c }'
  fi
}
status=0

nginx_post=$(run_wrk "$work/nginx.lua" "http://127.0.0.1:$nginxn_port/post.json")
nginx1_post=$(run_wrk "$work/nginx.lua" "http://127.0.0.1:$nginx1_port/post.json")
before=$(total_matters)
mq_post=$(run_wrk "$work/post.lua" "$mq/api/v1/matters")
after=$(total_matters)
nginx_get=$(run_wrk "$work/nginx.lua" "http://127.0.0.1:$nginxn_port/get.json")
nginx1_get=$(run_wrk "$work/nginx.lua" "http://127.0.0.1:$nginx1_port/get.json")
mq_get=$(run_wrk "$work/get.lua" "$mq/api/v1/matters/$matter")

report post_matter 0.25 "$nginx_post" "$mq_post" "$(wc -c <"$work/www/post.json")" "$nginx1_post"
read -r _ acked _ <<<"$mq_post"
echo "post_matter durability: acknowledged=$acked stored=$((after - before))" \
  "(stored >= acknowledged; in-flight posts at the end may be stored unacknowledged)"
((after - before >= acked)) || { echo "post_matter LOST MATTERS" && status=1; }
report get_matter 0.5 "$nginx_get" "$mq_get" "$(wc -c <"$work/www/get.json")" "$nginx1_get"
exit $status
