#!/usr/bin/env bash
# CLI-level test of the region levels and the region tree import (run by ctest as cli_regions):
# from an empty `minqing init --levels 市,区,街道,社区,网格` (no demo), a dry run writes nothing,
# a sheet with bad rows lists them and imports nothing (exit 1), the sample district tree imports
# with its level codes, a re-import renames by code without duplicating, and the levels cannot
# drop a level that has regions.
# Usage: scripts/regions_cli_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: regions_cli_test.sh path/to/minqing}
here=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$here/web/e2e/fixtures"
dir=$(mktemp -d /tmp/minqing-regions.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
count() { sqlite3 "$db" "SELECT COUNT(*) FROM regions $1"; }

db="$dir/district.db"
out=$(MINQING_ADMIN_PASSWORD='regions-test-1' "$minqing" init --db "$db" --levels 市,区,街道,社区,网格 2>&1) \
  || fail "init: $out"
[[ $out == *"市 区 街道 社区 网格"* ]] || fail "init did not report the levels: $out"
out=$("$minqing" regions levels --db "$db") || fail "levels: $out"
[[ $out == *"city"*"市"*"township"*"街道"*"group"*"网格"* ]] || fail "levels not stored: $out"

out=$("$minqing" regions import --db "$db" "$fixtures/district-regions.csv" --dry-run); rc=$?
[[ $rc -eq 0 ]] || fail "dry run: exit $rc ($out)"
[[ $out == *"新建 11"* ]] || fail "dry run did not count 11 regions: $out"
[[ $(count "") -eq 0 ]] || fail "dry run wrote regions"

out=$("$minqing" regions import --db "$db" "$fixtures/district-regions-bad.csv"); rc=$?
[[ $rc -eq 1 ]] || fail "bad sheet: exit $rc ($out)"
[[ $out == *"第 5 行【统计用区划代码】"* && $out == *"第 7 行"*"重复"* ]] || fail "bad rows not listed: $out"
[[ $out == *"第 8 行【上级代码】"*"不存在"* && $out == *"第 9 行【层级】"* ]] || fail "bad rows not listed: $out"
[[ $(count "") -eq 0 ]] || fail "a sheet with bad rows wrote regions"

out=$("$minqing" regions import --db "$db" "$fixtures/district-regions.csv"); rc=$?
[[ $rc -eq 0 ]] || fail "import: exit $rc ($out)"
[[ $(count "") -eq 11 ]] || fail "expected 11 regions, got $(count "")"
[[ $(count "WHERE level = 0 AND parent_id IS NULL") -eq 1 ]] || fail "no city root"
[[ $(count "WHERE level = 4") -eq 4 ]] || fail "expected 4 grids"

out=$("$minqing" regions import --db "$db" "$fixtures/district-regions-renamed.csv"); rc=$?
[[ $rc -eq 0 ]] || fail "re-import: exit $rc ($out)"
[[ $out == *"新建 1，改名 2"* ]] || fail "re-import counts: $out"
[[ $(count "") -eq 12 ]] || fail "re-import duplicated: $(count "") regions"
[[ $(sqlite3 "$db" "SELECT name FROM regions WHERE code = '130102001000'") == "建北路街道" ]] \
  || fail "street not renamed"
[[ $(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log WHERE action = 'region.import'") -eq 2 ]] \
  || fail "imports not audited"

out=$("$minqing" regions levels --db "$db" --set 县,乡镇,村,组 2>&1); rc=$?
[[ $rc -ne 0 && $out == *"不能去掉"* ]] || fail "levels in use were dropped: exit $rc ($out)"
echo "cli_regions: ok"
