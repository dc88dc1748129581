#!/usr/bin/env bash
# Browser tests: builds a demo county in a temporary SQLite file, starts the real server on a
# free port, and runs the playwright-core tests in web/e2e against Debian's Chromium.
# Expects a release build and a built web UI (scripts/build.sh). Prints node's test output and,
# last, the totals as "# pass N" and "# fail N".
#
# With MINQING_E2E_SHARDS=N (default 2) the files run in N groups at once, each group against its
# own demo county and server, one file after another inside a group: the tests of a file share
# its county's state (outboxes, rates, counts) as with one group, and the groups share nothing.
# Two groups take about 14 minutes instead of 20 on two cores. Under that load a click on a
# dropdown option used to be lost now and then; the pages now run without CSS transitions and
# every pick checks that it took (chooseOption in web/e2e/helpers.mjs). MINQING_E2E_SHARDS=1 runs
# the files in one group, in alphabetical order.
# Usage: e2e.sh [web/e2e/some.test.mjs ...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=./build/${MINQING_PRESET:-release}/src/cli/minqing
work=$(mktemp -d /tmp/minqing-e2e.XXXXXX)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if (($#)); then
  files=("$@")
  shards=${MINQING_E2E_SHARDS:-1}
else
  shards=${MINQING_E2E_SHARDS:-2}
  if ((shards > 1)); then
    # Largest first, each to the group with the fewest bytes so far: bytes follow running time
    # closely enough to even the groups out.
    mapfile -t files < <(ls -S web/e2e/*.test.mjs)
  else
    files=(web/e2e/*.test.mjs)
  fi
fi
((shards >= 1 && shards <= ${#files[@]})) || shards=1

declare -a shard_bytes shard_files
for ((i = 0; i < shards; i++)); do shard_bytes[i]=0; shard_files[i]=""; done
for f in "${files[@]}"; do
  lightest=0
  for ((i = 1; i < shards; i++)); do
    ((shard_bytes[i] < shard_bytes[lightest])) && lightest=$i
  done
  shard_bytes[lightest]=$((shard_bytes[lightest] + $(stat -c %s "$f")))
  shard_files[lightest]+="$f"$'\n'
done

# Starts group i's county and server; sets server_url.
start_shard() {
  local dir=$work/shard$1
  mkdir -p "$dir"
  "$bin" demo --db "$dir/e2e.db" >"$dir/demo.log"
  # The escalation timer is off: the holiday test drives escalation with its own clock. The tests
  # read codes from the development outbox (--dev-sms) and log in dozens of times from one
  # address.
  start_minqing_server "$bin" "$dir" "$dir/server.log" --db "$dir/e2e.db" --web web/dist \
    --escalation-interval 0 --dev-sms --public-rate 1200 --public-burst 600 || {
    echo "e2e: server $1 did not start"
    exit 1
  }
  server_pids+=("$server_pid")
}

# A household outside the village assistant's scope: the last household number of the county.
foreign_household() {
  MINQING_URL=$1 node --input-type=module -e '
const base = process.env.MINQING_URL;
const login = await fetch(base + "/api/v1/auth/login", {method: "POST",
  headers: {"Content-Type": "application/json"},
  body: JSON.stringify({username: "admin", password: "demo123456"})});
const {token} = await login.json();
const res = await fetch(base + "/api/v1/households?page_size=1&sort=-number",
  {headers: {Authorization: "Bearer " + token}});
const body = await res.json();
console.log(body.items[0].id);'
}

mkdir -p web/test-results
runner_pids=()
for ((i = 0; i < shards; i++)); do
  start_shard "$i"
  mapfile -t mine < <(printf '%s' "${shard_files[i]}")
  (
    export MINQING_URL=$server_url
    MINQING_FOREIGN_HOUSEHOLD_ID=$(foreign_household "$server_url")
    export MINQING_FOREIGN_HOUSEHOLD_ID
    node --test --test-concurrency=1 "${mine[@]}" >"$work/shard$i.out" 2>&1
  ) &
  runner_pids+=($!)
done
status=0
for ((i = 0; i < shards; i++)); do
  wait "${runner_pids[i]}" || status=1
done
pass=0
fail=0
for ((i = 0; i < shards; i++)); do
  cat "$work/shard$i.out"
  p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$work/shard$i.out" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$work/shard$i.out" | tail -n 1)
  pass=$((pass + ${p:-0}))
  # A group that printed no totals (it crashed) counts as one failure.
  fail=$((fail + ${f:-1}))
done
echo "# e2e: $shards groups of files"
echo "# pass $pass"
echo "# fail $fail"
exit "$status"
