#!/usr/bin/env bash
# clang-tidy over src/ (the checks in .clang-tidy, warnings as errors): see scripts/tidy.py for
# what is checked, the cache of passes and the batches. Ends with one line "N passed, N failed".
#
#   bash scripts/tidy.sh                       # every file
#   bash scripts/tidy.sh src/app/roster.cpp    # some files
#   MINQING_TIDY_CACHE=off bash scripts/tidy.sh  # check everything again
set -uo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/tidy.py "$@"
