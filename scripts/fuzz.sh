#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang++, ASan + UBSan) and runs each for a while,
# starting from its seeds in fuzz/corpus/<target> and keeping what it learns in
# build/fuzz/corpus/<target> (so the repository's seeds stay small). Crashing inputs are kept in
# artifacts/fuzz/. Ends with one line "N passed, N failed" (one test per target).
#
#   bash scripts/fuzz.sh                 # every target, 10 s each (the test command's run)
#   bash scripts/fuzz.sh 3600            # every target, an hour each (the long campaign)
#   bash scripts/fuzz.sh 600 fuzz_xlsx   # some targets
# FUZZ_JOBS=2 runs that many fuzzer processes per target (libFuzzer -fork).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(fuzz_json fuzz_csv fuzz_xlsx fuzz_search fuzz_id_card fuzz_base64)
fi

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
mkdir -p artifacts/fuzz
build_start=$(date +%s)
if [[ ! -f build/fuzz/build.ninja ]]; then
  cmake --preset fuzz >/dev/null || { echo "fuzz: configure failed"; echo "0 passed, ${#targets[@]} failed"; exit 1; }
fi
if ! cmake --build --preset fuzz -j "$(nproc)" --target "${targets[@]}" >artifacts/fuzz/build.log 2>&1; then
  tail -n 40 artifacts/fuzz/build.log
  echo "fuzz: build failed"
  echo "0 passed, ${#targets[@]} failed"
  exit 1
fi
echo "fuzz: build took $(($(date +%s) - build_start)) s"

passed=0
failed=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  work=build/fuzz/corpus/$name
  mkdir -p "$work"
  dict=()
  [[ -f fuzz/$name.dict ]] && dict=(-dict="fuzz/$name.dict")
  fork=()
  [[ -n ${FUZZ_JOBS:-} ]] && fork=(-fork="$FUZZ_JOBS")
  start=$(date +%s)
  log=artifacts/fuzz/$name.log
  # -rss_limit_mb and -malloc_limit_mb turn a runaway allocation into a failure; -timeout one
  # slow input. ASan's leak check stays on.
  if build/fuzz/fuzz/"$target" "$work" "fuzz/corpus/$name" "${dict[@]}" "${fork[@]}" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/fuzz/$name-" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz: $target passed (${runs:-?} inputs in $(($(date +%s) - start)) s)"
    passed=$((passed + 1))
  else
    echo "fuzz: $target FAILED, see $log and artifacts/fuzz/$name-*"
    grep -E "ERROR|SUMMARY|runtime error|==[0-9]+==" "$log" | head -n 20
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
