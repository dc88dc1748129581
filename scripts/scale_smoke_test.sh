#!/usr/bin/env bash
# The province generator and bench at a tiny size, so neither can rot (ctest bench_scale_smoke):
# on a fresh database of the test PostgreSQL server (MINQING_TEST_PG_URL; skipped, exit 77,
# without it) bench/scale_bench.sh runs two sizes (1,500 then 3,500 households in counties of
# 1,000, so the second run grows the first's database across new counties) and a 300-household
# import, and must finish with its curve; then the data must hold together: two matters per
# household, one look-up row per household and one search row per matter, every matter received
# once in the category, region and month counter cells, each day's serial at its last number,
# every county's matters inside it, and the matters and events in the month partitions of their
# times; and a county's 30-day list reads the partitions of its months only (scan counters).
# Usage: scripts/scale_smoke_test.sh BUILD_DIR   (needs the release build's minqing, scale_gen,
# roster_gen)
set -uo pipefail
build=$(realpath "${1:?usage: scale_smoke_test.sh BUILD_DIR}")
cd "$(dirname "$0")/.." || exit 1
[[ -n ${MINQING_TEST_PG_URL:-} ]] || { echo "scale smoke: skipped, MINQING_TEST_PG_URL is not set"; exit 77; }
database="minqing_scale_$$"
url=${MINQING_TEST_PG_URL/\/minqing_test?//$database?}
out=$(mktemp /tmp/minqing-scale-smoke.XXXXXX)
cleanup() {
  psql -q "$MINQING_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -f "$out"
}
trap cleanup EXIT
fail() { echo "scale smoke: FAIL: $*"; cat "$out"; exit 1; }
psql -q "$MINQING_TEST_PG_URL" -c "CREATE DATABASE $database" >/dev/null || fail "create database"

MINQING_BUILD=$build bash bench/scale_bench.sh --db "$url" --sizes 1500,3500 \
  --households-per-county 1000 --import-households 300 --rounds 1 >"$out" 2>&1 ||
  fail "scale_bench.sh exited with $?"
grep -q "^list_p95_ms" "$out" || fail "no curve"
# Pruning: a county's list of its last 30 days reads this month's partition, perhaps last
# month's, and the empty months ahead; the same list without a date reads every month.
while read -r line; do
  read -r dated dated_of undated undated_of < <(sed -E \
    's/.*30 days ([0-9]+) of ([0-9]+), the same county without a date ([0-9]+) of ([0-9]+).*/\1 \2 \3 \4/' \
    <<<"$line")
  ((dated >= 1 && dated <= 5 && dated_of >= 24 && undated == undated_of)) ||
    fail "partition pruning: $line"
done < <(grep "month partitions of matters read" "$out")
grep -q "month partitions of matters read" "$out" || fail "no partition figures"

sql() { psql -tAq -v ON_ERROR_STOP=1 "$url" -c "$1"; }
check() {  # description, SQL that returns t
  [[ $(sql "$2") == t ]] || fail "$1"
}
check "3,500 households in 4 counties" \
  "SELECT (SELECT COUNT(*) FROM households) = 3500 AND
          (SELECT COUNT(*) FROM regions WHERE level = 1) = 4 AND
          (SELECT COUNT(*) FROM regions WHERE level = 0) = 10"
check "about 3.2 residents a household" \
  "SELECT COUNT(*) BETWEEN 3500 * 3 AND 3500 * 3.5 FROM residents"
check "two matters a household" "SELECT COUNT(*) = 7000 FROM matters"
# The indexes dropped for the load and made again cover every partition of the tables
# partitioned by month (an index made ON ONLY the parent would be invalid and unused).
check "every index valid and on every partition" \
  "SELECT NOT EXISTS (SELECT 1 FROM pg_index WHERE NOT indisvalid) AND
          (SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'matters_p_early') =
          (SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'matters') + 1"
check "one look-up row per household" \
  "SELECT (SELECT COUNT(*) FROM household_lookup) = 3500 AND NOT EXISTS (
     SELECT 1 FROM households h LEFT JOIN household_lookup l ON l.household_id = h.id
     WHERE l.household_id IS NULL)"
check "one search row per matter" \
  "SELECT COUNT(*) = 7000 FROM matters m JOIN matter_search_text s ON s.matter_id = m.id"
check "every matter received once in each counter dimension" \
  "SELECT bool_and(total = 7000) FROM (SELECT dimension, SUM(received) AS total FROM matter_stats
     WHERE dimension IN ('category', 'category@m', 'region', 'region@m', 'category_township',
                         'category_county', 'category_county@m', 'unit') GROUP BY dimension) t
   HAVING COUNT(*) = 8"
check "closed matters are rated in the counters" \
  "SELECT SUM(rated) = (SELECT COUNT(*) FROM matters WHERE rating IS NOT NULL)
   FROM matter_stats WHERE dimension = 'category'"
check "each day's serial is its last number" \
  "SELECT NOT EXISTS (SELECT 1 FROM (SELECT left(number, 8) AS d, COUNT(*) AS n FROM matters
     GROUP BY 1) m FULL JOIN (SELECT to_char(date '1970-01-01' + day::int, 'YYYYMMDD') AS d, last
     FROM matter_day_serials) s USING (d) WHERE m.n IS DISTINCT FROM s.last)"
check "every matter inside its household's village" \
  "SELECT NOT EXISTS (SELECT 1 FROM matters m JOIN households h ON h.id = m.household_id
     WHERE m.region_path <> h.region_path OR m.unit_id IS NULL)"
# Ids are made at the generated times, so the two years' matters and events lie in their months'
# partitions, each matter's in the month of its acceptance, and none in the early partitions.
check "matters and events in their months' partitions" \
  "SELECT (SELECT COUNT(*) FROM matters_p_early) = 0 AND
          (SELECT COUNT(*) FROM matter_events_p_early) = 0 AND
          (SELECT COUNT(DISTINCT tableoid) FROM matters) >= 20 AND
          NOT EXISTS (SELECT 1 FROM matters WHERE minqing_id_month(id) <>
                        date_trunc('month', to_timestamp(accepted_at) AT TIME ZONE 'Asia/Shanghai')::date) AND
          NOT EXISTS (SELECT 1 FROM matter_events WHERE minqing_id_month(id) <>
                        date_trunc('month', to_timestamp(at) AT TIME ZONE 'Asia/Shanghai')::date)"
check "the matter indexes are back" \
  "SELECT COUNT(*) >= 8 FROM pg_indexes WHERE tablename = 'matters'"
check "the imported county is gone again" \
  "SELECT NOT EXISTS (SELECT 1 FROM regions WHERE path LIKE '/1/%')"
echo "scale smoke: OK"
