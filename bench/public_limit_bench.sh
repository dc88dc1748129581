#!/usr/bin/env bash
# What sharing the public routes' limit between server processes costs, two ways, measured in one
# run on this machine (README "Several server processes on one PostgreSQL database"):
#   nginx_limit ratio   a public look-up (GET /api/v1/public/service-centres) through nginx with
#                       the limit of deploy/nginx-minqing-cluster.conf (at a pace that never
#                       refuses, so every request is counted and admitted) to the same without it
#   db_counter          what a counter in the database would add to every public request: one
#                       transaction of the windowed counter's upsert (pgbench, on the same server
#                       as minqing's database), its latency with one client and its rate with as
#                       many clients as wrk has connections, next to the look-up's own
# One minqing process on PostgreSQL (--public-rate 0: its own bucket off, so that nothing is
# refused); wrk with one connection (latency) and with $connections (rate). A run with non-2xx
# answers prints INVALID. Needs MINQING_TEST_PG_URL (a server the script makes a database in).
# Usage: bench/public_limit_bench.sh [duration_seconds]   (needs a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
source bench/lib_wrk.sh
[[ -n ${MINQING_TEST_PG_URL:-} ]] || { echo "public_limit_bench: needs MINQING_TEST_PG_URL"; exit 1; }
duration=${1:-6}
threads=2
connections=16
bin=${MINQING_BIN:-./build/release/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-limit-bench.XXXXXX)
database="minqing_limit_bench_$$"
url=${MINQING_TEST_PG_URL/\/minqing_test?//$database?}
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for name in plain limited; do
    [[ -f $work/$name.pid ]] && kill "$(cat "$work/$name.pid")" 2>/dev/null
  done
  psql -q "$MINQING_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$MINQING_TEST_PG_URL" -c "CREATE DATABASE $database" >/dev/null
MINQING_ADMIN_PASSWORD='bench-limit-1' "$bin" init --db "$url" --county-name 测速县 \
  --county-code 139996 >/dev/null
start_minqing_server "$bin" "$work" "$work/serve.log" --db "$url" --public-rate 0
pids+=("$server_pid")
port=${server_url##*:}

# nginx in front, once without the limit and once with the cluster file's map and zone (its
# pace raised so that nothing is refused: the cost measured is the counting).
mkdir -p "$work/tmp"
for name in plain limited; do
  nginx_port=$(free_local_port) || exit 1
  limit=""
  if [[ $name == limited ]]; then
    limit=$(sed -n '/^map "\$request_method/,$p' deploy/nginx-minqing-cluster.conf |
      sed -e 's/rate=2r\/s/rate=1000000r\/s/' -e 's/burst=60/burst=1000000/')
  fi
  cat >"$work/$name.conf" <<CONF
worker_processes 1;
pid $work/$name.pid;
error_log $work/$name-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  upstream minqing { server 127.0.0.1:$port; keepalive 32; }
$limit
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://minqing;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
  nginx -p "$work" -c "$work/$name.conf"
  declare "port_$name=$nginx_port"
done
sleep 0.3

wrk_script 'wrk.method = "GET"' >"$work/get.lua"
path=/api/v1/public/service-centres
echo "public look-up through nginx ($duration s each)"
# Prints "name: req/s, p99" on stderr (INVALID when any answer was not 2xx) and req/s on stdout.
report() {  # name result
  local rps ok bad last p99 flag=""
  read -r rps _ bad last p99 <<<"$2"
  [[ $bad -ne 0 ]] && flag=" INVALID ($bad answers $last)"
  printf '  %-30s %8.0f req/s  p99 %7.2f ms%s\n' "$1" "$rps" "$p99" "$flag" >&2
  echo "$rps"
}
# The median of its arguments.
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
# Rounds alternate plain and limited, so that a busy moment of the machine hits both alike.
rounds=3
declare -A rates
all_connections=$connections
for conns in 1 "$all_connections"; do
  threads=$((conns < 2 ? 1 : 2))
  connections=$conns
  for name in plain limited; do rates[$name]=""; done
  for round in $(seq 1 "$rounds"); do
    for name in plain limited; do
      port_var="port_$name"
      rates[$name]+=" $(report "$name, $conns conn(s), round $round" \
        "$(run_wrk "$work/get.lua" "http://127.0.0.1:${!port_var}$path")")"
    done
  done
  # shellcheck disable=SC2086
  plain=$(median ${rates[plain]})
  # shellcheck disable=SC2086
  limited=$(median ${rates[limited]})
  awk -v a="$limited" -v b="$plain" -v n="$conns" 'BEGIN {
    printf "nginx_limit ratio, %d connection(s): %.3f (medians: limited %.0f, plain %.0f req/s; mean %.3f ms plain)\n",
      n, a / b, a, b, 1000 * n / b }'
done
threads=2
connections=$all_connections

# The database counter: what every public request would add (a table like the login throttle's).
psql -q "$url" -c "CREATE TABLE bench_public_hits (address_key TEXT NOT NULL,
  window_start BIGINT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (address_key, window_start))"
cat >"$work/counter.sql" <<'SQL'
\set a random(1, 2000)
INSERT INTO bench_public_hits (address_key, window_start, hits) VALUES ('10.0.' || :a, 1, 1)
ON CONFLICT (address_key, window_start) DO UPDATE SET hits = bench_public_hits.hits + 1
RETURNING hits;
SQL
echo "database counter (pgbench, one upsert transaction per request; $(psql -tAq "$url" \
  -c "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')"))"
for clients in 1 "$connections"; do
  out=$(pgbench -n -c "$clients" -j "$threads" -T "$duration" -f "$work/counter.sql" "$url" 2>&1)
  latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out")
  printf '  %-24s %10.0f tx/s   mean %6.3f ms\n' "$clients client(s)" "$tps" "$latency"
done
