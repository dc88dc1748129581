#!/usr/bin/env bash
# Installs everything minqing needs on Debian 12, skipping what is already there. Idempotent.
# Run as root (or with sudo available). Used by both README commands.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build ccache pkg-config g++ git
  libboost-dev libboost-program-options-dev nlohmann-json3-dev libsodium-dev libcurl4-openssl-dev
  libsqlite3-dev sqlite3 libpq-dev libicu-dev libzip-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev libgoogle-perftools-dev liblemon-dev
  postgresql postgresql-client
  nginx-light wrk curl jq openssl python3 libxml2-utils
  chromium fonts-wqy-microhei
  libcairo2-dev libpango1.0-dev libqrencode-dev poppler-utils
  clang libclang-rt-14-dev clang-tidy
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian postgresql package starts a cluster of its own; minqing runs its own servers.
  $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true
fi

# Front-end dependencies, only when package-lock.json changed since the last install.
if [[ -f web/package-lock.json ]]; then
  stamp=web/node_modules/.minqing-lock
  if [[ ! -f $stamp ]] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "setup: npm ci (web)" >&2
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
