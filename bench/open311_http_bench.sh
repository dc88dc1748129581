#!/usr/bin/env bash
# Open311 GeoReport v2 over HTTP: GET /open311/v2/requests.json, a page of 50 public requests, as a
# ratio to nginx serving a static file of the same size, measured with wrk in one run on this
# machine (same threads, connections and Lua hooks) on the demo county:
#   open311_requests ratio           the same URL again and again, as many clients polling the
#                                    public list do: answered from the public-answer cache while no
#                                    write happens (target >= 0.3)
#   open311_requests_uncached ratio  every request with a query no other request has (an unused
#                                    parameter n), so each one reads the matters and renders
#                                    (reported; what the cache saves)
# Non-2xx answers are counted in every run; a run with any prints INVALID.
# MINQING_IO_THREADS sets minqing's I/O threads and nginx's workers (default: nproc).
# Usage: bench/open311_http_bench.sh [duration_seconds]   (needs a release build; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
source bench/lib_nginx.sh
source bench/lib_wrk.sh
duration=${1:-8}
threads=2
connections=32
io_threads=${MINQING_IO_THREADS:-$(nproc)}
bin=${MINQING_BIN:-./build/release/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-open311-bench.XXXXXX)
chmod 755 "$work"  # nginx's worker (www-data) must read the static files, or it answers 403.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_nginx "$work" nginxn
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.db" >/dev/null
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/bench.db" \
  --io-threads "$io_threads" --public-rate 0  # The public routes' per-address limit off: one client.
pids+=("$server_pid")
mq=$server_url

path="/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&page_size=50"
answer=$(curl -s "$mq$path")
count=$(jq length <<<"$answer")
[[ $count == 50 ]] || {
  echo "expected a page of 50 requests, got: ${answer:0:300}" >&2
  exit 1
}
mkdir -p "$work/www"
printf '%s' "$answer" >"$work/www/requests.json"
nginx_port=$(start_nginx "$work" "$work/www" "$io_threads" nginxn)
wrk_script 'wrk.method = "GET"' >"$work/get.lua"
# A fresh query for every request: n counts per thread, the thread's id keeps threads apart.
wrk_script "wrk.method = \"GET\"
local counter = 0
local id = tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  return wrk.format(nil, \"$path&n=\" .. id .. \"-\" .. counter)
end" >"$work/uncached.lua"
status=0
report() {  # name target nginx_result minqing_result
  read -r n_rps n_ok n_bad _ n_p99 <<<"$3"
  read -r m_rps m_ok m_bad m_code m_p99 <<<"$4"
  echo "$1: bytes=$(wc -c <"$work/www/requests.json") nginx_rps(workers=$io_threads)=$n_rps" \
    "(ok=$n_ok non2xx=$n_bad p99=${n_p99}ms) minqing_rps=$m_rps (ok=$m_ok non2xx=$m_bad" \
    "last_non2xx=$m_code p99=${m_p99}ms)"
  if ((n_bad > 0 || m_bad > 0 || m_ok == 0)); then
    echo "$1 ratio=INVALID (non-2xx answers; see server log)"
    status=1
  else
    awk -v a="$m_rps" -v b="$n_rps" -v n="$1" -v t="$2" -v w="$io_threads" 'BEGIN {
      printf "%s ratio=%.2f (nginx workers=%d; target >= %s)\n", n, a / b, w, t }'
  fi
}

nginx=$(run_wrk "$work/get.lua" "http://127.0.0.1:$nginx_port/requests.json")
cached=$(run_wrk "$work/get.lua" "$mq$path")
uncached=$(run_wrk "$work/uncached.lua" "$mq$path")
report open311_requests 0.3 "$nginx" "$cached"
report open311_requests_uncached "(reported)" "$nginx" "$uncached"
exit $status
