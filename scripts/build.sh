#!/usr/bin/env bash
# Builds the C++ binary and tests (CMake preset, default "release") and the web UI. Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
jobs=${MINQING_BUILD_JOBS:-$(nproc)}
if [[ ! -f build/$preset/build.ninja ]]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" -j "$jobs"
if [[ -f web/package.json ]]; then
  # Rebuild the UI only when a source file is newer than the last build.
  if [[ ! -f web/dist/index.html ]] || [[ -n $(find web/src web/index.html web/public.html web/scripts web/package.json web/vite.config.* -newer web/dist/index.html 2>/dev/null | head -n 1) ]]; then
    (cd web && npm run build --silent)
  fi
fi
