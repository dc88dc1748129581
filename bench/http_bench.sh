#!/usr/bin/env bash
# GET one household (authenticated) from minqing vs. nginx serving a small static JSON file, both
# on this machine, measured with wrk in one run. nginx runs twice: with as many worker processes
# as minqing has I/O threads (like with like: the ratio that counts) and with one worker (the
# figure earlier README tables used). Prints both ratios (target >= 0.5).
# MINQING_IO_THREADS sets minqing's I/O threads and nginx's workers (default: nproc).
# Usage: bench/http_bench.sh [duration_seconds]   (needs a release build; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
source bench/lib_nginx.sh
duration=${1:-10}
threads=2
connections=32
io_threads=${MINQING_IO_THREADS:-$(nproc)}
bin=${MINQING_BIN:-./build/release/src/cli/minqing}  # MINQING_BIN: another build, to compare
work=$(mktemp -d /tmp/minqing-bench.XXXXXX)
chmod 755 "$work"  # nginx's worker (www-data) must read the static file, or it answers 403.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_nginx "$work" nginx1
  stop_nginx "$work" nginxn
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.db" >/dev/null
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/bench.db" --io-threads "$io_threads"
pids+=("$server_pid")
mq=$server_url

token=$(curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"demo123456"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
household=$(curl -s "$mq/api/v1/households?page_size=1" -H "Authorization: Bearer $token" |
  sed -n 's/.*"items":\[{[^}]*"id":\([0-9]*\).*/\1/p')
body=$(curl -s "$mq/api/v1/households/$household" -H "Authorization: Bearer $token")

# nginx serves a static file of the same size as minqing's answer.
mkdir -p "$work/www"
printf '%s' "$body" >"$work/www/household.json"
nginx1_port=$(start_nginx "$work" "$work/www" 1 nginx1)
nginxn_port=$(start_nginx "$work" "$work/www" "$io_threads" nginxn)

rate() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p'; }
get() { wrk -t$threads -c$connections -d"${duration}s" "$@" | rate; }
nginx1_rps=$(get "http://127.0.0.1:$nginx1_port/household.json")
nginxn_rps=$(get "http://127.0.0.1:$nginxn_port/household.json")
mq_rps=$(get -H "Authorization: Bearer $token" "$mq/api/v1/households/$household")
echo "bytes=${#body} io_threads=$io_threads nginx_rps(workers=$io_threads)=$nginxn_rps" \
  "nginx_rps(workers=1)=$nginx1_rps minqing_rps=$mq_rps"
awk -v a="$mq_rps" -v b="$nginxn_rps" -v c="$nginx1_rps" -v w="$io_threads" 'BEGIN {
  printf "get_household ratio=%.2f (nginx workers=%d; target >= 0.5)\n", a / b, w
  printf "get_household ratio_vs_one_worker=%.2f (nginx workers=1)\n", a / c }'
