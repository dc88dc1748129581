# shellcheck shell=bash
# Sourced by the HTTP benchmarks: the nginx baseline they measure minqing against.
#
#   start_nginx WORK ROOT WORKERS NAME
#
# starts nginx with WORKERS worker processes serving the static files under ROOT on a free local
# port (free_local_port from scripts/lib/server.sh, which the caller sources first), with its
# config, pid and error log under WORK (prefixed NAME), and prints the port.
# The benchmarks run two: one worker (the figure earlier README tables used) and as many workers
# as minqing has I/O threads (like with like). The caller stops them with stop_nginx WORK NAME.

start_nginx() {
  local work=$1 root=$2 workers=$3 name=$4 port
  port=$(free_local_port) || return 1
  cat >"$work/$name.conf" <<CONF
worker_processes $workers;
pid $work/$name.pid;
error_log $work/$name-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
  nginx -c "$work/$name.conf" || return 1
  sleep 0.3
  echo "$port"
}

stop_nginx() {
  [[ -f $1/$2.pid ]] && kill "$(cat "$1/$2.pid")" 2>/dev/null
  return 0
}
