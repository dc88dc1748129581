#!/usr/bin/env bash
# CLI-level test of the party roster (run by ctest as cli_party): from an empty `minqing init`
# (county only), two regions are added through the API, a residents' roster is imported with
# `minqing import`, then a party roster with `minqing party import`: a file with a member that has
# no resident is refused whole (and says to import the resident first), the fixed file imports,
# `minqing network build --apply` links the members to households, and `minqing party export`
# re-imports without changes.
# Usage: scripts/party_cli_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: party_cli_test.sh path/to/minqing}
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
dir=$(mktemp -d /tmp/minqing-party-cli.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

db="$dir/county.db"
MINQING_ADMIN_PASSWORD='party-test-1' "$minqing" init --db "$db" --county-name 饶阳县 \
  --county-code 131124000000 >/dev/null || fail "init"

# The township and the village, through the API (the regions' own import is another command).
start_minqing_server "$minqing" "$dir" "$dir/server.log" --db "$db" --escalation-interval 0 ||
  fail "server did not start"
token=$(curl -sf "$server_url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"party-test-1"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $token ]] || fail "login"
api() { curl -sf "$server_url/api/v1$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "${@:2}"; }
county=$(api '/regions' | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
[[ -n $county ]] || fail "county"
township=$(api '/regions' -X POST -d "{\"parent_id\":$county,\"level\":\"township\",\"code\":\"131124100000\",\"name\":\"饶阳镇\"}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
[[ -n $township ]] || fail "township"
api '/regions' -X POST -d "{\"parent_id\":$township,\"level\":\"village\",\"code\":\"131124100201\",\"name\":\"小石楼村\"}" >/dev/null || fail "village"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""

cat >"$dir/roster.csv" <<'CSV'
户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系
H1,131124100201,小石楼村1号,,王景云,,,131124197001010111,13800000001,户主
H1,131124100201,小石楼村1号,,李秀英,,,131124197202020228,,配偶
H2,131124100201,小石楼村2号,,赵建国,,,13112419800303033X,13800000003,户主
H3,131124100201,小石楼村3号,,钱文明,,,131124199004040446,,户主
H4,131124100201,小石楼村4号,,孙立军,,,131124196005050554,,户主
CSV
"$minqing" import --db "$db" "$dir/roster.csv" >"$dir/import.log" 2>&1 || fail "roster import: $(cat "$dir/import.log")"

header='党组织路径,姓名,身份证号,入党日期,党员状态,是否流动,流动去向,是否可联系农户,联系户数上限,联系电话,是否党小组长'
branch='饶阳镇党委/小石楼村党支部'
cat >"$dir/party-bad.csv" <<CSV
$header
$branch/一组党小组,王景云,131124197001010111,1990-07-01,正式,否,,是,5,,是
$branch/一组党小组,赵建国,13112419800303033X,2001/7/1,正式,否,,是,5,,否
$branch,周不在,131124198506060661,2010-07-01,预备,是,北京,否,,,否
CSV
out=$("$minqing" party import --db "$db" "$dir/party-bad.csv" 2>&1); rc=$?
[[ $rc -eq 1 ]] || fail "a file with a bad row: exit $rc ($out)"
[[ $out == *"4"*"身份证号"*"请先在户籍花名册中导入该居民"* ]] || fail "the fix is not named: $out"
[[ $out == *"未导入任何数据"* ]] || fail "not refused whole: $out"
n=$(sqlite3 "$db" 'SELECT COUNT(*) FROM party_members')
[[ $n -eq 0 ]] || fail "members written by a refused file: $n"

head -3 "$dir/party-bad.csv" >"$dir/party.csv"
out=$("$minqing" party import --db "$db" "$dir/party.csv" --dry-run 2>&1) || fail "dry run: $out"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM party_orgs') -eq 0 ]] || fail "dry run wrote orgs"
out=$("$minqing" party import --db "$db" "$dir/party.csv" 2>&1) || fail "import: $out"
[[ $out == *"新建党组织 3"*"新党员 2"*"设组长 1"* ]] || fail "import summary: $out"
[[ $(sqlite3 "$db" "SELECT COUNT(*) FROM party_orgs o JOIN party_members m ON m.id = o.leader_member_id WHERE o.name = '一组党小组'") -eq 1 ]] ||
  fail "group leader not set"

out=$("$minqing" network build --db "$db" --apply 2>&1) || fail "network build: $out"
links=$(sqlite3 "$db" 'SELECT COUNT(*) FROM contact_links')
[[ $links -ge 3 ]] || fail "network build linked $links households: $out"
leads=$(sqlite3 "$db" 'SELECT COUNT(*) FROM leader_links')
[[ $leads -eq 1 ]] || fail "the group leader looks after $leads members: $out"

"$minqing" party export --db "$db" "$dir/export.csv" >/dev/null || fail "export"
grep -q "$branch/一组党小组,王景云,131124197001010111,1990-07-01,正式,否,,是,5,13800000001,是" "$dir/export.csv" ||
  fail "export row: $(cat "$dir/export.csv")"
out=$("$minqing" party import --db "$db" "$dir/export.csv" 2>&1) || fail "re-import: $out"
[[ $out == *"没有需要写入的变化"* ]] || fail "re-import changed something: $out"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM party_members') -eq 2 ]] || fail "re-import duplicated members"
echo "party roster CLI: ok"
