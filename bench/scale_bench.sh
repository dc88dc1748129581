#!/usr/bin/env bash
# A province-scale run on PostgreSQL (issue 19): for each size in --sizes (households; the same
# database grows from one size to the next, so list them ascending), bench/scale_gen fills the
# database (ten city roots, counties of --households-per-county households, ~3.2 residents and
# ~2 matters a household over two years, with events, search rows and counter cells), then a
# running `minqing serve` on that database is measured over HTTP (curl, one keep-alive
# connection, requests one after another; the first two rounds are warm-up and not counted):
#   dashboard      GET /api/v1/dashboard, median: the province (admin, no region) and one county
#                  (region_id), for the default 30-day window and for 365 days (target < 50 ms)
#   matter list    GET /api/v1/matters, first page of 20 with its total, p95 over six filter
#                  sets: a county's in-progress matters, a township's category, a county's last
#                  30 days, a village, the province's overdue matters, the province's help
#                  requests that are closed (target < 50 ms)
#   partitions     the month partitions of matters that a county's last 30 days read, and the
#                  same county's list without a date (PostgreSQL's scan counters)
#   look-up        GET /api/v1/households?q=, first page of 20, p95 over 2-character names,
#                  3-character names, one character, pinyin, initials, phones, ID-card numbers and
#                  addresses, as the province admin and as a county leader (target < 100 ms)
#   floor          GET /api/v1/categories, median: the same server's smallest authenticated
#                  answer, the baseline the figures above stand on
#   serve RSS      VmRSS and VmHWM of the server process after all of the above (target < 300 MB)
#   import         bench/import_bench.sh --pg: `minqing import` of a --import-households roster
#                  through COPY into the big database (target 1M in < 60 s), with the sqlite3
#                  .import baseline of the same CSV it measures; the imported county is deleted
#                  afterwards so the next size starts from the generated province only.
# The server runs without its escalation timer (--escalation-interval 0), so that nothing but the
# measured requests reads the database meanwhile.
# Each size prints its table; the end prints the curve: every figure per size and its ratio to
# the first size's, including the sizes of earlier runs on the same --pg-dir. PostgreSQL is started by this script with
# `scripts/pg_test_server.sh start DIR PORT durable` (fsync, synchronous_commit and
# full_page_writes on) unless --db names a database on a running server (the smoke test's).
#
# Usage: bench/scale_bench.sh [--sizes 1000000,2000000] [--pg-dir DIR] [--port PORT]
#          [--db URL] [--households-per-county N] [--import-households N | --no-import]
#          [--rounds N] [--keep] [--measure-only]
#        (release build; --keep leaves the PostgreSQL server and its data running; a --pg-dir
#        holding an earlier run's database is grown further; --measure-only leaves the database
#        as it is, without running scale_gen, and measures it: a before/after comparison of a
#        change to the server, whose first start migrates the database)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh

sizes=1000000
pg_dir=/tmp/minqing-scale-pg
port=55462
db=""
per_county=100000
import_households=1000000
rounds=20
keep=0
measure_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --pg-dir) pg_dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --households-per-county) per_county=$2; shift 2 ;;
    --import-households) import_households=$2; shift 2 ;;
    --no-import) import_households=0; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --measure-only) measure_only=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
build=${MINQING_BUILD:-build/release}
bin=$(realpath "$build/src/cli/minqing")
gen=$(realpath -m "$build/bench/scale_gen")
work=$(mktemp -d /tmp/minqing-scale-bench.XXXXXX)
server_pid=""
started_pg=0
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; fi
  if [[ $started_pg == 1 && $keep == 0 ]]; then bash scripts/pg_test_server.sh stop "$pg_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "scale_bench: FAIL: $*" >&2; exit 1; }

if [[ -z $db ]]; then
  db=$(bash scripts/pg_test_server.sh start "$pg_dir" "$port" durable)
  started_pg=1
  echo "PostgreSQL: started in $pg_dir, durable (fsync=on, synchronous_commit=on," \
    "full_page_writes=on)"
else
  echo "PostgreSQL: $db (settings of its server:" \
    "fsync=$(psql -tAq "$db" -c 'SHOW fsync'))"
fi
sql() { psql -tAq -v ON_ERROR_STOP=1 "$db" -c "$1"; }
password=scale-bench-password
if [[ $(sql "SELECT to_regclass('users') IS NOT NULL") != t ]] ||
  [[ $(sql "SELECT COUNT(*) FROM users WHERE username = 'admin'") == 0 ]]; then
  MINQING_ADMIN_PASSWORD=$password "$bin" init --db "$db" --levels 市,县,乡镇,村,组 \
    --levels-en City,County,Township,Village,Group >/dev/null
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(df -h --output=avail /tmp | tail -n 1 | tr -d ' ') free in /tmp"

# Times GET requests (one curl process, one keep-alive connection): prints one "ms" per answer,
# after `warm` answers, and fails on any answer but 200.
time_gets() {
  local token=$1 warm=$2
  shift 2
  local args=()
  for url in "$@"; do args+=(-o /dev/null "$mq$url"); done
  curl -s -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
    "${args[@]}" >"$work/times" || fail "curl failed on $1"
  awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; bad = 1 } END { exit bad }' "$work/times" ||
    fail "an answer was not 200 among $*"
  tail -n +"$((warm + 1))" "$work/times" | awk '{ printf "%.3f\n", $2 * 1000 }'
}
# p50, p95 and max of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "0 0 0"; exit }
    i50 = int(0.5 * (NR - 1) + 0.5) + 1; i95 = int(0.95 * (NR - 1) + 0.5) + 1
    printf "%.2f %.2f %.2f\n", v[i50], v[i95], v[NR] }'
}
# Repeats each URL `rounds` + 2 times, the first two as warm-up.
repeat_urls() {
  local url
  for ((r = 0; r < rounds + 2; ++r)); do
    for url in "$@"; do echo "$url"; done
  done
}
measure() {  # token url... → "p50 p95 max" of the counted answers, in $work/measured
  local token=$1
  shift
  mapfile -t urls < <(repeat_urls "$@")
  time_gets "$token" "$((2 * $#))" "${urls[@]}" >"$work/measured.ms"
  stats <"$work/measured.ms" >"$work/measured"
}
login() {
  curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" | jq -r .token
}
enc() { jq -rn --arg v "$1" '$v | @uri'; }

# Each size's row; in --pg-dir, so a later run growing the same database continues the curve.
results_file=$work/results
[[ $started_pg == 1 ]] && results_file=$pg_dir/scale_results
IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  echo
  echo "== $size households =="
  if [[ $measure_only == 1 ]]; then
    gen_s=0 gen_kb=0
    summary="households=$(sql "SELECT COUNT(*) FROM households")"
    summary+=" matters=$(sql "SELECT COUNT(*) FROM matters") (measured as it is)"
  else
    /usr/bin/time -f '%e %M' -o "$work/gen.time" "$gen" "$db" "$size" \
      --households-per-county "$per_county" >"$work/gen.out" 2>"$work/gen.err" ||
      { cat "$work/gen.err" >&2; fail "scale_gen"; }
    sed 's/^/  /' "$work/gen.err"
    read -r gen_s gen_kb <"$work/gen.time"
    summary=$(cat "$work/gen.out")
  fi
  echo "  $summary"
  households=$(sed -E 's/.*households=([0-9]+).*/\1/' <<<"$summary")
  matters=$(sed -E 's/.*matters=([0-9]+).*/\1/' <<<"$summary")
  [[ $households -ge $size ]] || fail "generated $households households, wanted $size"
  [[ $matters -gt 0 ]] || fail "no matters generated"
  db_mb=$(sql "SELECT pg_database_size(current_database()) / 1048576")
  echo "  generated in ${gen_s} s (peak RSS $((gen_kb / 1024)) MB); database ${db_mb} MB"

  county=$(sql "SELECT id FROM regions WHERE level = 1 ORDER BY code LIMIT 1")
  county_code=$(sql "SELECT code FROM regions WHERE id = $county")
  township=$(sql "SELECT id FROM regions WHERE parent_id = $county ORDER BY code LIMIT 1")
  village=$(sql "SELECT id FROM regions WHERE parent_id = $township ORDER BY code LIMIT 1")
  category=$(sql "SELECT id FROM matter_categories WHERE name LIKE '规模分类%' ORDER BY id LIMIT 1")
  if [[ $(sql "SELECT COUNT(*) FROM users WHERE username = 'county'") == 0 ]]; then
    MINQING_PASSWORD=$password "$bin" user add --db "$db" --username county --role leader \
      --scope-region "$county_code" >/dev/null
  fi

  : >"$work/server.log"
  start_minqing_server "$bin" "$work" "$work/server.log" --db "$db" --escalation-interval 0
  mq=$server_url
  admin=$(login admin)
  leader=$(login county)
  [[ $admin != null && $leader != null ]] || fail "login"
  today=$(date -u +%F)
  from30=$(date -u -d '29 days ago' +%F)
  from365=$(date -u -d '364 days ago' +%F)
  received=$(curl -s "$mq/api/v1/dashboard?from=$from365&to=$today" \
    -H "Authorization: Bearer $admin" | jq '.totals.received')
  [[ $received -gt 0 ]] || fail "the province dashboard counts no matter"

  measure "$admin" "/api/v1/categories"
  read -r floor _ _ <"$work/measured"
  measure "$admin" "/api/v1/dashboard"
  read -r dash_p30 _ _ <"$work/measured"
  measure "$admin" "/api/v1/dashboard?from=$from365&to=$today"
  read -r dash_p365 _ _ <"$work/measured"
  measure "$admin" "/api/v1/dashboard?region_id=$county"
  read -r dash_c30 _ _ <"$work/measured"
  measure "$admin" "/api/v1/dashboard?region_id=$county&from=$from365&to=$today"
  read -r dash_c365 _ _ <"$work/measured"

  list_urls=("/api/v1/matters?status=in_progress&region_id=$county"
    "/api/v1/matters?category_id=$category&region_id=$township"
    "/api/v1/matters?region_id=$county&from=$from30&to=$today"
    "/api/v1/matters?region_id=$village"
    "/api/v1/matters?overdue=true"
    "/api/v1/matters?status=closed&type=help")
  : >"$work/list.all"
  echo "  matter list, per filter set (p50 / p95 / max ms, total):"
  for url in "${list_urls[@]}"; do
    mapfile -t urls < <(repeat_urls "$url")
    time_gets "$admin" 2 "${urls[@]}" >"$work/list.one"
    cat "$work/list.one" >>"$work/list.all"
    total=$(curl -s "$mq$url" -H "Authorization: Bearer $admin" | jq '.total')
    printf '    %-62s %s  total=%s\n' "$url" "$(stats <"$work/list.one")" "$total"
  done
  stats <"$work/list.all" >"$work/measured"
  read -r list_p50 list_p95 list_max <"$work/measured"

  # Partition pruning: which month partitions of matters a list reads, told by PostgreSQL's own
  # scan counters (pg_stat_user_tables, which an idle backend reports within 10 s: PostgreSQL
  # 15's PGSTAT_IDLE_INTERVAL) before and after three requests of one list. A list from a day
  # should read that day's month and the ones after; one without a date reads every month.
  partitions_read() {  # url → "read of all" partitions of matters
    local scans="SELECT relname, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM
      pg_stat_user_tables WHERE relname LIKE 'matters\\_p%' ORDER BY relname"
    sql "$scans" >"$work/scans.before"
    time_gets "$admin" 0 "$1" "$1" "$1" >/dev/null
    sleep 11
    sql "$scans" >"$work/scans.after"
    echo "$(diff "$work/scans.before" "$work/scans.after" | grep -c '^>') of" \
      "$(wc -l <"$work/scans.after")"
  }
  sleep 11  # the list requests above reported first
  pruned=$(partitions_read "/api/v1/matters?region_id=$county&from=$from30&to=$today")
  unpruned=$(partitions_read "/api/v1/matters?region_id=$county")
  echo "  month partitions of matters read: a county's last 30 days ${pruned}, the same county" \
    "without a date ${unpruned}"

  phone=$(sql "SELECT phone FROM residents WHERE phone <> '' ORDER BY id LIMIT 1 OFFSET 1000")
  phone2=$(sql "SELECT phone FROM residents WHERE phone <> '' ORDER BY id DESC LIMIT 1")
  card=$(sql "SELECT id_card FROM residents ORDER BY id LIMIT 1 OFFSET 777")
  card2=$(sql "SELECT id_card FROM residents ORDER BY id DESC LIMIT 1")
  address=$(sql "SELECT address FROM households ORDER BY id LIMIT 1 OFFSET 555")
  declare -A classes=(
    ["2-character name"]="王伟 李芳 张敏 刘强 陈静"
    ["3-character name"]="王秀英 李建国 张志强 刘桂兰 陈春梅"
    ["one character"]="王 李 张"
    ["pinyin"]="wangwei lifang zhangmin"
    ["initials"]="wxy ljg zzq"
    ["phone"]="$phone $phone2 ${phone:0:7}"
    ["ID-card number"]="$card $card2 ${card:0:10}"
    ["address"]="$address 第3镇5村"
  )
  : >"$work/lookup.all"
  : >"$work/lookup.two"
  echo "  look-up, per class and actor (p50 / p95 / max ms):"
  for class in "2-character name" "3-character name" "one character" "pinyin" "initials" \
    "phone" "ID-card number" "address"; do
    read -r -a queries <<<"${classes[$class]}"
    qurls=()
    for q in "${queries[@]}"; do qurls+=("/api/v1/households?page_size=20&q=$(enc "$q")"); done
    for who in admin leader; do
      token=$admin
      [[ $who == leader ]] && token=$leader
      mapfile -t urls < <(repeat_urls "${qurls[@]}")
      time_gets "$token" "$((2 * ${#qurls[@]}))" "${urls[@]}" >"$work/lookup.one"
      cat "$work/lookup.one" >>"$work/lookup.all"
      [[ $class == "2-character name" ]] && cat "$work/lookup.one" >>"$work/lookup.two"
      printf '    %-18s %-6s %s\n' "$class" "$who" "$(stats <"$work/lookup.one")"
    done
  done
  hits=$(curl -s "$mq/api/v1/households?page_size=20&q=$(enc 王伟)" \
    -H "Authorization: Bearer $admin" | jq '.total')
  [[ $hits -gt 0 ]] || fail "the look-up of 王伟 finds nobody"
  stats <"$work/lookup.all" >"$work/measured"
  read -r look_p50 look_p95 look_max <"$work/measured"
  stats <"$work/lookup.two" >"$work/measured"
  read -r _ two_p95 _ <"$work/measured"

  rss_mb=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status")
  hwm_mb=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status")
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""

  import_s=0
  if [[ $import_households -gt 0 ]]; then
    MINQING_BUILD=$build bash bench/import_bench.sh "$import_households" --pg "$db" \
      >"$work/import.out" 2>&1 || { cat "$work/import.out" >&2; fail "import_bench"; }
    sed 's/^/  /' "$work/import.out"
    import_s=$(sed -nE 's/^minqing import \(PostgreSQL\): ([0-9.]+) s wall.*/\1/p' "$work/import.out")
    [[ -n $import_s ]] || fail "no PostgreSQL import time"
    # The imported county (roster_gen's regions, root id 1) goes, so the next size is the
    # generated province again. Without the foreign-key triggers (session_replication_role):
    # nothing refers to the imported rows, and each resident's check of matters.resident_id,
    # which has no index, would scan every matter (measured: hours at 2M matters).
    psql -q -v ON_ERROR_STOP=1 "$db" >/dev/null <<'SQL' || fail "removing the imported county"
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM household_lookup WHERE region_path LIKE '/1/%';
DELETE FROM residents WHERE region_path LIKE '/1/%';
DELETE FROM households WHERE region_path LIKE '/1/%';
DELETE FROM regions WHERE path LIKE '/1/%';
COMMIT;
SQL
  fi

  row=("$size" "$households" "$matters" "$db_mb" "$gen_s" "$floor" "$dash_p30" "$dash_p365"
    "$dash_c30" "$dash_c365" "$list_p95" "$two_p95" "$look_p95" "$import_s" "$rss_mb" "$hwm_mb")
  echo "${row[*]}" >>"$results_file"
  echo "  floor ${floor} ms | dashboard province ${dash_p30} / ${dash_p365} ms (30 / 365 days)," \
    "county ${dash_c30} / ${dash_c365} ms | matter list p50 ${list_p50} p95 ${list_p95}" \
    "max ${list_max} ms | look-up p50 ${look_p50} p95 ${look_p95} max ${look_max} ms" \
    "(2-character names p95 ${two_p95}) | partitions read ${pruned} (30 days) /" \
    "${unpruned} (no date) | import ${import_s} s | serve RSS ${rss_mb} MB" \
    "(peak ${hwm_mb} MB) | load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo
echo "== curve (ratio to the first size in brackets) =="
names=(households_target households matters db_MB gen_s floor_ms dash_prov30_ms dash_prov365_ms
  dash_county30_ms dash_county365_ms list_p95_ms lookup2_p95_ms lookup_p95_ms import_s
  serve_rss_MB serve_peak_MB)
mapfile -t results <"$results_file"
read -r -a base <<<"${results[0]}"
for i in "${!names[@]}"; do
  line=$(printf '%-18s' "${names[$i]}")
  for r in "${results[@]}"; do
    read -r -a v <<<"$r"
    line+=$(awk -v x="${v[$i]}" -v b="${base[$i]}" \
      'BEGIN { if (b > 0) printf " %12s (%.2f)", x, x / b; else printf " %12s (-)", x }')
  done
  echo "$line"
done
