#!/usr/bin/env bash
# Times `minqing import` of a generated residents' roster against a baseline in the same run:
# the sqlite3 shell's `.import` of the same CSV into one table carrying the residents' indexes.
# Prints wall seconds, CPU seconds and peak RSS of both (GNU time -v) and
# `import ratio=<minqing wall / sqlite3 wall>`. Targets (SQLite): ratio <= 3, 1M households in
# under 30 s on 2 cores, peak RSS under 300 MB. With --pg URL the import also runs into that
# PostgreSQL database (which must be empty; target: under 60 s through COPY).
# Usage: bench/import_bench.sh [N households, default 1000000] [--pg URL]   (release build)
set -euo pipefail
cd "$(dirname "$0")/.."
households=1000000
pg=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pg) pg="$2"; shift 2 ;;
    *) households="$1"; shift ;;
  esac
done
build=${MINQING_BUILD:-build/release}
bin="$build/src/cli/minqing"
work=$(mktemp -d /tmp/minqing-import-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$build/bench/roster_gen" "$households" "$work/roster.csv" "$work/regions.sql"
rows=$(($(wc -l <"$work/roster.csv") - 1))
echo "roster: $households households, $rows residents, $(du -m "$work/roster.csv" | cut -f1) MB"

# "<wall seconds> <cpu seconds> <peak RSS MB>" from a GNU time -v report.
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, cpu, rss }' "$1"
}

"$bin" init --db "$work/minqing.db" >/dev/null
sqlite3 "$work/minqing.db" <"$work/regions.sql"
/usr/bin/time -v -o "$work/minqing.time" "$bin" import --db "$work/minqing.db" "$work/roster.csv" \
  >"$work/minqing.out" 2>"$work/minqing.err" || { cat "$work/minqing.out" "$work/minqing.err"; exit 1; }
grep -E "已导入|imported" "$work/minqing.out" || true
imported=$(sqlite3 "$work/minqing.db" "SELECT COUNT(*) FROM residents")
[[ "$imported" == "$rows" ]] || { echo "minqing imported $imported of $rows residents"; exit 1; }

# The baseline: one table with the roster's columns and the residents' indexes (household,
# region path, the unique ID card, phone, and for pinyin and initials, which the CSV has no
# columns for, the address and the birth date).
sqlite3 "$work/baseline.db" <<'SQL'
CREATE TABLE roster (number TEXT, region_code TEXT, address TEXT, tags TEXT, name TEXT, sex TEXT,
                     birth_date TEXT, id_card TEXT, phone TEXT, relation TEXT);
CREATE INDEX roster_number ON roster (number);
CREATE INDEX roster_region ON roster (region_code);
CREATE UNIQUE INDEX roster_id_card_unique ON roster (id_card) WHERE id_card <> '';
CREATE INDEX roster_phone ON roster (phone);
CREATE INDEX roster_address ON roster (address);
CREATE INDEX roster_birth ON roster (birth_date);
SQL
/usr/bin/time -v -o "$work/sqlite.time" sqlite3 "$work/baseline.db" \
  ".import --csv --skip 1 $work/roster.csv roster" >/dev/null

read -r m_wall m_cpu m_rss < <(measure "$work/minqing.time")
read -r s_wall s_cpu s_rss < <(measure "$work/sqlite.time")
echo "minqing import: ${m_wall} s wall, ${m_cpu} s CPU, peak RSS ${m_rss} MB"
echo "sqlite3 .import: ${s_wall} s wall, ${s_cpu} s CPU, peak RSS ${s_rss} MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v m="$m_wall" -v s="$s_wall" 'BEGIN { printf "import ratio=%.2f\n", m / s }'

if [[ -n "$pg" ]]; then
  "$bin" init --db "$pg" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$pg" <"$work/regions.sql"
  /usr/bin/time -v -o "$work/pg.time" "$bin" import --db "$pg" "$work/roster.csv" \
    >"$work/pg.out" 2>"$work/pg.err" || { cat "$work/pg.out" "$work/pg.err"; exit 1; }
  read -r p_wall p_cpu p_rss < <(measure "$work/pg.time")
  echo "minqing import (PostgreSQL): ${p_wall} s wall, ${p_cpu} s CPU, peak RSS ${p_rss} MB"
fi
