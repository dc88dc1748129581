#!/usr/bin/env bash
# CLI-level test of the monthly ranking report (月度通报, run by ctest as cli_monthly_report): from
# an empty `minqing init`, `minqing report monthly --month 2025-01 --pdf F --xlsx F` stores one
# report saying the month had no matters and writes both files; a second run replaces it (still
# one row); a month not yet over and a malformed month are refused with their code and write
# nothing; `minqing serve` makes last month's report by itself (the job), once.
# Usage: scripts/monthly_report_cli_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: monthly_report_cli_test.sh path/to/minqing}
source "$(dirname "$0")/lib/server.sh"
start_script_test minqing-monthly
db="$dir/county.db"
reports() { sqlite3 "$db" "SELECT COUNT(*) FROM monthly_reports $1"; }

out=$(MINQING_ADMIN_PASSWORD='monthly-test-1' "$minqing" init --db "$db" 2>&1) || fail "init: $out"

out=$("$minqing" report monthly --db "$db" --month 2025-01 --pdf "$dir/r.pdf" --xlsx "$dir/r.xlsx" 2>&1)
rc=$?
[[ $rc -eq 0 ]] || fail "report: exit $rc ($out)"
[[ $out == *"2025-01"*"monthly_reports"* ]] || fail "report did not say where it stored: $out"
[[ $out == *"受理 0 件"* ]] || fail "report summary missing: $out"
[[ $(head -c 5 "$dir/r.pdf") == "%PDF-" ]] || fail "the PDF file is not a PDF"
[[ $(head -c 2 "$dir/r.xlsx") == "PK" ]] || fail "the xlsx file is not a zip"
[[ $(reports "WHERE month = '2025-01'") -eq 1 ]] || fail "no stored report"
[[ $(sqlite3 "$db" "SELECT figures FROM monthly_reports") == *"全县未受理诉求，本月无排名"* ]] ||
  fail "the empty month's report does not say so"

out=$("$minqing" report monthly --db "$db" --month 2025-01 2>&1) || fail "regenerate: $out"
[[ $(reports "") -eq 1 ]] || fail "regenerating added a row"

next_year=$(( $(date -u +%Y) + 1 ))
out=$("$minqing" report monthly --db "$db" --month "$next_year-01" 2>&1); rc=$?
[[ $rc -eq 1 && $out == *"monthly_report.bad_month"* ]] || fail "a future month: exit $rc ($out)"
out=$("$minqing" report monthly --db "$db" --month 2025-13 2>&1); rc=$?
[[ $rc -eq 1 && $out == *"monthly_report.bad_month"* ]] || fail "month 13: exit $rc ($out)"
[[ $(reports "") -eq 1 ]] || fail "a refused month wrote a report"
out=$("$minqing" report 2>&1); rc=$?
[[ $rc -eq 2 && $out == *"report monthly"* ]] || fail "usage: exit $rc ($out)"

# The job in `minqing serve`: last month's report appears without anyone asking, once.
last_month=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
start_minqing_server "$minqing" "$dir" "$dir/serve.log" --db "$db" --escalation-interval 0 ||
  fail "serve did not start"
for _ in $(seq 1 100); do
  [[ $(reports "WHERE month = '$last_month'") -eq 1 ]] && break
  sleep 0.1
done
[[ $(reports "WHERE month = '$last_month'") -eq 1 ]] || fail "serve made no report of $last_month"
grep -q "月度通报 / monthly report $last_month" "$dir/serve.log" || fail "serve did not log the report"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
[[ $(reports "") -eq 2 ]] || fail "expected 2 reports, got $(reports "")"
echo "monthly report CLI: ok"
