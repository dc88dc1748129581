#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 server for tests: socket only, fsync off.
#   pg_test_server.sh start DIR PORT [durable]   prints the URL of database minqing_test;
#     `durable` keeps PostgreSQL's defaults (fsync, synchronous_commit and full_page_writes on),
#     which the benchmarks use: tests want speed, measurements want what production runs.
#   pg_test_server.sh stop DIR
# Run as root, the server runs as the `postgres` OS user (initdb refuses root); otherwise it runs
# as the calling user.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT [durable] | stop DIR" >&2
  exit 2
}

find_bindir() {
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    echo /usr/lib/postgresql/15/bin
  elif command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir
  else
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$dir" ]] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
    echo "$dir"
  fi
}

BINDIR=$(find_bindir)

# Runs a command as the server's OS user.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}
case "$cmd" in
  start)
    [[ $# -eq 3 || ( $# -eq 4 && $4 == durable ) ]] || usage
    dir=$(realpath -m "$2")
    port=$3
    settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ ${4:-} == durable ]] && settings="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres:postgres "$dir"
      chmod 700 "$dir"
    fi
    data="$dir/data"
    if [[ ! -f "$data/PG_VERSION" ]]; then
      as_server_user "$BINDIR/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_server_user "$BINDIR/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses='' $settings -c max_wal_size=4GB" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    for _ in $(seq 1 60); do
      if "$BINDIR/pg_isready" -q -h "$dir" -p "$port"; then break; fi
      sleep 0.5
    done
    if ! "$BINDIR/psql" -h "$dir" -p "$port" -U postgres -d postgres -tAq \
        -c "SELECT 1 FROM pg_database WHERE datname = 'minqing_test'" | grep -q 1; then
      "$BINDIR/psql" -h "$dir" -p "$port" -U postgres -d postgres -q \
        -c "CREATE DATABASE minqing_test" >/dev/null
    fi
    echo "postgresql:///minqing_test?host=$dir&port=$port&user=postgres"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    dir=$(realpath -m "$2")
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_server_user "$BINDIR/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    usage
    ;;
esac
