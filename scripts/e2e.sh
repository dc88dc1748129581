#!/usr/bin/env bash
# Browser tests: builds a demo county in a temporary SQLite file, starts the real server on a
# free port, and runs the playwright-core tests in web/e2e against Debian's Chromium.
# Expects a release build and a built web UI (scripts/build.sh). Prints node's test summary.
# Usage: e2e.sh [web/e2e/some.test.mjs ...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=./build/${MINQING_PRESET:-release}/src/cli/minqing
work=$(mktemp -d /tmp/minqing-e2e.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/e2e.db" >"$work/demo.log"
# The escalation timer is off: the holiday test drives escalation with its own clock. The tests
# read codes from the development outbox (--dev-sms) and log in dozens of times from one address.
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/e2e.db" --web web/dist \
  --escalation-interval 0 --dev-sms --public-rate 1200 --public-burst 600 || {
  echo "e2e: server did not start"; exit 1; }
export MINQING_URL=$server_url

# A household outside the village assistant's scope: the last household number of the county.
MINQING_FOREIGN_HOUSEHOLD_ID=$(node --input-type=module -e '
const base = process.env.MINQING_URL;
const login = await fetch(base + "/api/v1/auth/login", {method: "POST",
  headers: {"Content-Type": "application/json"},
  body: JSON.stringify({username: "admin", password: "demo123456"})});
const {token} = await login.json();
const res = await fetch(base + "/api/v1/households?page_size=1&sort=-number",
  {headers: {Authorization: "Bearer " + token}});
const body = await res.json();
console.log(body.items[0].id);')
export MINQING_FOREIGN_HOUSEHOLD_ID
mkdir -p web/test-results
# Arguments name test files to run (default: every file in web/e2e).
if (($#)); then node --test --test-concurrency=1 "$@"; else node --test --test-concurrency=1 web/e2e/; fi
