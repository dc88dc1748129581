#!/usr/bin/env bash
# Issue 14's "done means", end to end from an empty `minqing init` (no demo, no county): the
# region tree from statistical division codes, the residents' roster, the party roster and an
# accounts sheet, all through the CLI; the 1+10 network built; then, over HTTP, the member
# activates the account with the code printed on the activation letter, sets a password, logs
# in with it and sees the households the network gave him. The administrator, who printed the
# letter, cannot read the code from the API, and the code works only once.
# Usage: scripts/onboard_cli_test.sh path/to/minqing (ctest: cli_onboard).
set -uo pipefail
minqing=${1:?usage: onboard_cli_test.sh path/to/minqing}
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
dir=$(mktemp -d /tmp/minqing-onboard.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$dir"
}
trap cleanup EXIT
[[ -n ${KEEP:-} ]] && trap - EXIT
fail() { echo "FAIL: $*"; [[ -f $dir/server.log ]] && tail -n 20 "$dir/server.log"; exit 1; }
run() { "$minqing" "$@" --db "$db" >"$dir/out.log" 2>&1 || fail "minqing $*: $(cat "$dir/out.log")"; }

db="$dir/county.db"
MINQING_ADMIN_PASSWORD='onboard-admin-1' "$minqing" init --db "$db" >/dev/null || fail "init"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM regions') -eq 0 ]] || fail "init made regions"

cat >"$dir/regions.csv" <<'CSV'
统计用区划代码,名称,层级,上级代码
131124000000,饶阳县,县,
131124100000,饶阳镇,乡镇,131124000000
131124100201,小石楼村,村,131124100000
131124100201001,一组,组,131124100201
CSV
run regions import "$dir/regions.csv"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM regions') -eq 4 ]] || fail "region tree: $(cat "$dir/out.log")"

cat >"$dir/roster.csv" <<'CSV'
户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系
H1,131124100201,小石楼村1号,,王景云,,,131124197001010111,13800000001,户主
H1,131124100201,小石楼村1号,低保,李秀英,,,131124197202020228,,配偶
H2,131124100201,小石楼村2号,,赵建国,,,13112419800303033X,13800000003,户主
H3,131124100201,小石楼村3号,残疾,钱文明,,,131124199004040446,,户主
H4,131124100201,小石楼村4号,,孙立军,,,131124196005050554,,户主
CSV
run import "$dir/roster.csv"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM households') -eq 4 ]] || fail "roster: $(cat "$dir/out.log")"

# The group leader (赵建国) takes one household at most, so the builder gives 王景云 the rest.
cat >"$dir/party.csv" <<'CSV'
党组织路径,姓名,身份证号,入党日期,党员状态,是否流动,流动去向,是否可联系农户,联系户数上限,联系电话,是否党小组长
饶阳镇党委/小石楼村党支部/一组党小组,王景云,131124197001010111,1990-07-01,正式,否,,是,5,,否
饶阳镇党委/小石楼村党支部/一组党小组,赵建国,13112419800303033X,2001-07-01,正式,否,,是,1,,是
CSV
run party import "$dir/party.csv"
[[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM party_members') -eq 2 ]] || fail "party: $(cat "$dir/out.log")"

cat >"$dir/accounts.csv" <<'CSV'
姓名,角色,用户名,管辖区域代码,所属单位,手机号,关联身份证号
王景云,党员,wangjy,131124100201,,13800000001,131124197001010111
刘助理,村级事务助理,liuzl,131124100201,,13900000002,
CSV
run accounts import "$dir/accounts.csv" --letters "$dir/letters.pdf" --public-url https://mq.example.cn
code=$(pdftotext -layout "$dir/letters.pdf" - | grep -oE '激活码 +[2-9A-HJKMNP-Z]{8}' | head -1 | awk '{print $2}')
[[ ${#code} -eq 8 ]] || fail "no activation code on the letter: $(pdftotext "$dir/letters.pdf" - | head -20)"

run network build --apply
mine=$(sqlite3 "$db" "SELECT COUNT(*) FROM contact_links l JOIN party_members m ON m.id = l.member_id
  JOIN residents r ON r.id = m.resident_id WHERE r.id_card = '131124197001010111'")
[[ ${mine:-0} -ge 1 ]] || fail "the network gave 王景云 no household: $(cat "$dir/out.log")"

start_minqing_server "$minqing" "$dir" "$dir/server.log" --db "$db" --escalation-interval 0 ||
  fail "server did not start"
post() { curl -s -o "$dir/body.json" -w '%{http_code}' "$server_url/api/v1$1" -H 'Content-Type: application/json' "${@:2}"; }

[[ $(post /auth/login -d '{"username":"wangjy","password":"Wang-jingyun-2026"}') == 401 ]] ||
  fail "an account not yet activated logged in with a password"
admin=$(curl -sf "$server_url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"onboard-admin-1"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $admin ]] || fail "admin login"
curl -sf "$server_url/api/v1/users?limit=100" -H "Authorization: Bearer $admin" >"$dir/users.json" ||
  fail "user list"
grep -q "$code" "$dir/users.json" && fail "the API shows the administrator the activation code"

status=$(post /auth/activate -d "{\"username\":\"wangjy\",\"code\":\"$code\",\"password\":\"Wang-jingyun-2026\"}")
[[ $status == 200 ]] || fail "activation: $status $(cat "$dir/body.json")"
status=$(post /auth/activate -d "{\"username\":\"wangjy\",\"code\":\"$code\",\"password\":\"Another-pass-2026\"}")
[[ $status != 200 ]] || fail "the activation code worked twice"
member=$(curl -sf "$server_url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"wangjy","password":"Wang-jingyun-2026"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $member ]] || fail "the member cannot log in with the password he set"
curl -sf "$server_url/api/v1/network/my" -H "Authorization: Bearer $member" >"$dir/my.json" ||
  fail "my households"
grep -q '小石楼村' "$dir/my.json" || fail "the member does not see his households: $(head -c 600 "$dir/my.json")"
echo "onboard CLI: ok"
