#!/usr/bin/env bash
# GET one household (authenticated) from minqing vs. nginx serving a small static JSON file, both
# on this machine, measured with wrk in one run. Prints ratio=<minqing/nginx> (target >= 0.5).
# Usage: bench/http_bench.sh [duration_seconds]   (needs a release build; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
duration=${1:-10}
threads=2
connections=32
bin=./build/release/src/cli/minqing
work=$(mktemp -d /tmp/minqing-bench.XXXXXX)
chmod 755 "$work"  # nginx's worker (www-data) must read the static file, or it answers 403.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.db" >/dev/null
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/bench.db"
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

rate() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p'; }
nginx_rps=$(wrk -t$threads -c$connections -d"${duration}s" "http://127.0.0.1:$nginx_port/household.json" | rate)
mq_rps=$(wrk -t$threads -c$connections -d"${duration}s" -H "Authorization: Bearer $token" "$mq/api/v1/households/$household" | rate)
echo "bytes=${#body} nginx_rps=$nginx_rps minqing_rps=$mq_rps"
awk -v a="$mq_rps" -v b="$nginx_rps" 'BEGIN { printf "get_household ratio=%.2f (target >= 0.5)\n", a / b }'
