#!/usr/bin/env bash
# The map's draw time in Chromium on the demo county (bench/map_draw.mjs): makes a demo county,
# serves it with the built web UI and runs the measurement. Needs the release build and web/dist.
# Usage: bench/map_draw.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=./build/${MINQING_PRESET:-release}/src/cli/minqing
work=$(mktemp -d /tmp/minqing-map-bench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" demo --db "$work/demo.db" >"$work/demo.log"
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/demo.db" --web web/dist \
  --escalation-interval 0 || { echo "map_draw: server did not start"; exit 1; }
MINQING_URL=$server_url node bench/map_draw.mjs "${1:-5}"
