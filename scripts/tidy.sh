#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy, warnings as errors) over every source file under src/
# that the release build compiles, using build/release/compile_commands.json, nproc files at a
# time; the headers under src/ are checked through the files that include them. Tests
# (*_test.cpp) are left out: each pulls in GoogleTest and would double the run for code that never
# ships. Each file's findings go to artifacts/tidy/<path>.log. Ends with one line
# "N passed, N failed" (one test per file). Needs a configured release build
# (scripts/build.sh release); generated files are skipped.
#
#   bash scripts/tidy.sh                       # every file
#   bash scripts/tidy.sh src/app/roster.cpp    # some files
set -uo pipefail
cd "$(dirname "$0")/.."
tidy=$(command -v clang-tidy-14 || command -v clang-tidy) || {
  echo "tidy: clang-tidy not installed"; echo "0 passed, 1 failed"; exit 1; }
db=build/release/compile_commands.json
[[ -f $db ]] || { echo "tidy: $db missing, run scripts/build.sh release"; echo "0 passed, 1 failed"; exit 1; }

files=("$@")
if ((${#files[@]} == 0)); then
  mapfile -t files < <(sed -n 's|^ *"file": "\(.*\)",\{0,1\}$|\1|p' "$db" | sed "s|^$PWD/||" |
    grep '^src/' | grep -v '_test\.cpp$' | sort -u)
fi
rm -rf artifacts/tidy
mkdir -p artifacts/tidy
start=$(date +%s)
# One line per file: "ok <file>" or "FAIL <file>".
results=$(printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -I{} bash -c '
  log=artifacts/tidy/$(echo "$1" | tr / _).log
  if "$0" -p build/release --quiet "$1" >"$log" 2>&1; then echo "ok $1"; else echo "FAIL $1"; fi
' "$tidy" {} _)
passed=$(grep -c '^ok ' <<<"$results")
failed=$(grep -c '^FAIL ' <<<"$results")
while read -r _ file; do
  echo "tidy: $file FAILED"
  grep -E 'error:|warning:' "artifacts/tidy/$(echo "$file" | tr / _).log" | grep -v 'warnings generated' |
    sort -u | head -n 20
done < <(grep '^FAIL ' <<<"$results")
echo "tidy: ${#files[@]} files in $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
