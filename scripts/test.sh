#!/usr/bin/env bash
# README command 2: installs, builds and runs every test: unit, storage contract on SQLite and on
# a real PostgreSQL server started here, HTTP integration, browser tests in headless Chromium,
# the deployment behind nginx with TLS (scripts/deploy_test.sh), a short run of each fuzz target
# under ASan + UBSan (scripts/fuzz.sh, 10 s each) and clang-tidy over src/ (scripts/tidy.sh).
# Ends with one summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# Each stage's wall time, printed at the end: "test: <stage> <seconds> s".
timings=""
stage_started=$(date +%s)
stage_done() {
  local now
  now=$(date +%s)
  timings+="test: $1 $((now - stage_started)) s"$'\n'
  stage_started=$now
}
bash scripts/setup.sh || exit 1
stage_done setup
bash scripts/build.sh release || exit 1
stage_done build

pg_dir=$(mktemp -d /tmp/minqing-pg.XXXXXX)
source scripts/lib/server.sh
pg_port=$(free_local_port) || exit 1
cleanup() { bash scripts/pg_test_server.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT
MINQING_TEST_PG_URL=$(bash scripts/pg_test_server.sh start "$pg_dir" "$pg_port") || {
  echo "test: could not start PostgreSQL"; exit 1; }
export MINQING_TEST_PG_URL
echo "test: PostgreSQL at $MINQING_TEST_PG_URL"

mkdir -p artifacts
# clang-tidy runs in the background at low priority while the tests, which spend much of their
# time waiting on disks, servers and the browser, run in front of it. It checks files in batches
# and skips files that passed before unchanged (scripts/tidy.py), so a cold run costs about a
# third of checking each file alone and a warm one seconds.
nice -n 10 bash scripts/tidy.sh >artifacts/tidy.log 2>&1 &
tidy_pid=$!

ctest --test-dir build/release -j "$(nproc)" --output-on-failure 2>&1 | tee artifacts/ctest.log
ctest_status=${PIPESTATUS[0]}
stage_done ctest

bash scripts/e2e.sh 2>&1 | tee artifacts/e2e.log
e2e_status=${PIPESTATUS[0]}
stage_done e2e

bash scripts/crash_test.sh 3 2>&1 | tee artifacts/crash.log
crash_status=${PIPESTATUS[0]}
stage_done crash

bash scripts/deploy_test.sh 2>&1 | tee artifacts/deploy.log
deploy_status=${PIPESTATUS[0]}
stage_done deploy

bash scripts/fuzz.sh 10 2>&1 | tee artifacts/fuzz.log
fuzz_status=${PIPESTATUS[0]}
stage_done fuzz

wait "$tidy_pid"
tidy_status=$?
stage_done "tidy (after the rest)"
cat artifacts/tidy.log

ctest_total=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\2/p' artifacts/ctest.log | tail -n 1)
ctest_failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\1/p' artifacts/ctest.log | tail -n 1)
e2e_pass=$(sed -n 's/^# pass \([0-9]*\)/\1/p' artifacts/e2e.log | tail -n 1)
e2e_fail=$(sed -n 's/^# fail \([0-9]*\)/\1/p' artifacts/e2e.log | tail -n 1)
ctest_total=${ctest_total:-0}; ctest_failed=${ctest_failed:-1}
e2e_pass=${e2e_pass:-0}; e2e_fail=${e2e_fail:-1}
# Web unit tests (node, no browser: web/test), counted with the browser tests.
node --import ./web/test-support/register.mjs --test web/test/ 2>&1 | tee artifacts/web-unit.log
web_status=${PIPESTATUS[0]}
web_pass=$(sed -n 's/^# pass \([0-9]*\)/\1/p' artifacts/web-unit.log | tail -n 1)
web_fail=$(sed -n 's/^# fail \([0-9]*\)/\1/p' artifacts/web-unit.log | tail -n 1)
e2e_pass=$((e2e_pass + ${web_pass:-0})); e2e_fail=$((e2e_fail + ${web_fail:-1}))
if [[ $web_status -ne 0 ]]; then e2e_status=$web_status; fi
crash_pass=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' artifacts/crash.log | tail -n 1)
crash_fail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' artifacts/crash.log | tail -n 1)
crash_pass=${crash_pass:-0}; crash_fail=${crash_fail:-1}
deploy_pass=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' artifacts/deploy.log | tail -n 1)
deploy_fail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' artifacts/deploy.log | tail -n 1)
deploy_pass=${deploy_pass:-0}; deploy_fail=${deploy_fail:-1}
fuzz_pass=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' artifacts/fuzz.log | tail -n 1)
fuzz_fail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' artifacts/fuzz.log | tail -n 1)
fuzz_pass=${fuzz_pass:-0}; fuzz_fail=${fuzz_fail:-1}
tidy_pass=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' artifacts/tidy.log | tail -n 1)
tidy_fail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' artifacts/tidy.log | tail -n 1)
tidy_pass=${tidy_pass:-0}; tidy_fail=${tidy_fail:-1}
passed=$((ctest_total - ctest_failed + e2e_pass + crash_pass + deploy_pass + fuzz_pass + tidy_pass))
failed=$((ctest_failed + e2e_fail + crash_fail + deploy_fail + fuzz_fail + tidy_fail))
printf '%s' "$timings"
echo "test: finished in $(( $(date +%s) - start )) s (ctest status $ctest_status, browser status $e2e_status, crash status $crash_status, deploy status $deploy_status, fuzz status $fuzz_status, tidy status $tidy_status)"
echo "$passed passed, $failed failed"
if [[ $ctest_status -ne 0 || $e2e_status -ne 0 || $crash_status -ne 0 || $deploy_status -ne 0 || $fuzz_status -ne 0 || $tidy_status -ne 0 || $failed -ne 0 ]]; then exit 1; fi
