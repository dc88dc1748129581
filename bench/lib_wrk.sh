# shellcheck shell=bash
# Sourced by the HTTP benchmarks: wrk runs that count answers by status, so a ratio is never
# computed from error answers.
#
#   wrk_script SETUP > FILE   a wrk Lua script: SETUP (method, body, headers, a request
#                             function), then hooks counting 2xx and other answers; every run
#                             uses the same hooks, so nginx and minqing pay the same wrk-side cost
#   run_wrk SCRIPT URL        runs wrk with the caller's $threads, $connections and $duration
#                             (seconds) and prints "<requests/sec> <ok> <non2xx> <last_non2xx>
#                             <p99_ms>"

wrk_script() {
  cat <<LUA
$1
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; bad = 0; last_bad = 0 end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1; last_bad = status end
end
function done(summary, latency, requests)
  local o, b, s = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("bad")
    if t:get("last_bad") ~= 0 then s = t:get("last_bad") end
  end
  io.write(string.format("codes ok=%d non2xx=%d last_non2xx=%d p99_ms=%.2f\n", o, b, s,
                         latency:percentile(99) / 1000))
end
LUA
}

run_wrk() {
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$1" "$2")
  printf '%s %s\n' "$(sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' <<<"$out")" \
    "$(sed -n 's/^codes ok=\([0-9]*\) non2xx=\([0-9]*\) last_non2xx=\([0-9]*\) p99_ms=\([0-9.]*\)/\1 \2 \3 \4/p' \
      <<<"$out")"
}
