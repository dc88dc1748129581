# shellcheck shell=bash disable=SC2034  # server_pid and server_url are for the sourcing script.
# Sourced (not run) by the scripts that start a minqing server on a free port and wait for it:
# scripts/e2e.sh, scripts/crash_test.sh, bench/http_bench.sh, bench/matters_http_bench.sh.
#
#   start_minqing_server BIN WORK LOG [serve options...]
#
# starts `BIN serve --port 0 --port-file WORK/port [serve options...]` in the background with its
# output appended to LOG, waits up to 10 s for the server to write its port, and sets
#   server_pid   the server's process id (the caller stops it)
#   server_url   http://127.0.0.1:<port>
# When the server does not start it prints the end of LOG on stderr and returns 1.

start_minqing_server() {
  local bin=$1 work=$2 log=$3
  shift 3
  rm -f "$work/port"
  "$bin" serve --port 0 --port-file "$work/port" "$@" >>"$log" 2>&1 &
  server_pid=$!
  local _
  for _ in $(seq 1 100); do
    [[ -s $work/port ]] && break
    sleep 0.1
  done
  if [[ ! -s $work/port ]]; then
    echo "minqing serve wrote no port within 10 s; end of $log:" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
  server_url="http://127.0.0.1:$(cat "$work/port")"
}

#   free_local_port [COUNT]
#
# prints a port P such that P .. P+COUNT-1 (COUNT defaults to 1) can all be bound on 127.0.0.1
# now. P is below the kernel's ephemeral range (32768 and up on Linux), so an outgoing
# connection of another test cannot take it between this check and the caller's listen; only a
# process that binds it explicitly can.
free_local_port() {
  python3 - "${1:-1}" <<'PY'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    first = random.randrange(10000, 32000 - count)
    held = []
    try:
        for port in range(first, first + count):
            s = socket.socket()
            held.append(s)
            s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        for s in held:
            s.close()
    print(first)
    sys.exit(0)
sys.exit("no free local port found")
PY
}

#   start_script_test PREFIX
#
# for a script test that runs one server: makes the scratch directory `dir` (/tmp/PREFIX.XXXXXX),
# sets server_pid empty, stops the server and removes `dir` on exit, and defines fail MESSAGE
# (prints "FAIL: MESSAGE" and exits 1).
start_script_test() {
  dir=$(mktemp -d "/tmp/$1.XXXXXX")
  server_pid=""
  trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$dir"' EXIT
  fail() { echo "FAIL: $*"; exit 1; }
}

#   write_nginx_conf WORK HTTP_BODY
#
# writes WORK/nginx.conf for an nginx run by a test under `nginx -p WORK`: one worker (as root
# when the test runs as root), pid, error log and temporary files in WORK (WORK/tmp must exist),
# and HTTP_BODY (directives: includes, log formats, servers) inside the http block.
write_nginx_conf() {
  local work=$1 body=$2
  {
    [[ $EUID -eq 0 ]] && echo "user root;"
    cat <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
$body
}
CONF
  } >"$work/nginx.conf"
}
