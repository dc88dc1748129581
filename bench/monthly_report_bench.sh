#!/usr/bin/env bash
# Monthly ranking report (月度通报) generation on the demo county (~36,000 matters over the year
# before today): each of the year's 12 complete months generated over HTTP as the administrator
# (POST /api/v1/monthly-reports/{month}/generate: read the month cells, rank, render the PDF and
# the xlsx, store them), against a baseline measured in the same run on the same server and data:
# the three-rate export of the units for the whole year (GET /api/v1/rates/export?dimension=unit,
# an xlsx), 12 times. Prints the wall time of each and
#   monthly_report ratio = (median report time) / (median export time)
#   and the slowest report (target < 5 s).
# Usage: bench/monthly_report_bench.sh   (needs a release build, curl and jq; see README)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=${MINQING_BIN:-./build/release/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-monthly-bench.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --db "$work/bench.db" >/dev/null
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/bench.db" --escalation-interval 0
mq=$server_url
token=$(curl -s -X POST "$mq/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"demo123456"}' | jq -r .token)
auth=(-H "Authorization: Bearer $token")

first_day=$(TZ=Asia/Shanghai date +%Y-%m-01)
year_from=$(TZ=Asia/Shanghai date -d "$first_day -12 months" +%Y-%m-%d)
year_to=$(TZ=Asia/Shanghai date -d "$first_day -1 day" +%Y-%m-%d)
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

reports=()
exports=()
for back in $(seq 12 -1 1); do
  month=$(TZ=Asia/Shanghai date -d "$first_day -$back months" +%Y-%m)
  read -r code seconds < <(curl -s -o "$work/out.json" -w '%{http_code} %{time_total}\n' \
    -X POST "$mq/api/v1/monthly-reports/$month/generate" "${auth[@]}")
  [[ $code == 200 ]] || { echo "generate $month: HTTP $code $(cat "$work/out.json")"; exit 1; }
  reports+=("$seconds")
  read -r code seconds < <(curl -s -o "$work/out.xlsx" -w '%{http_code} %{time_total}\n' \
    "$mq/api/v1/rates/export?dimension=unit&from=$year_from&to=$year_to" "${auth[@]}")
  [[ $code == 200 ]] || { echo "export: HTTP $code"; exit 1; }
  exports+=("$seconds")
  echo "$month report ${reports[-1]} s ($(jq -r .summary "$work/out.json")), rates export ${exports[-1]} s"
done
report_median=$(printf '%s\n' "${reports[@]}" | median)
export_median=$(printf '%s\n' "${exports[@]}" | median)
slowest=$(printf '%s\n' "${reports[@]}" | sort -n | tail -1)
echo "report median ${report_median} s, slowest ${slowest} s (target < 5 s); rates export median ${export_median} s"
awk -v r="$report_median" -v e="$export_median" 'BEGIN { printf "monthly_report ratio=%.1f\n", r / e }'
