#!/usr/bin/env bash
# `minqing accounts` from an empty `minqing init`: a sheet with a bad row imports nothing (exit 1,
# the row and column named), --skip-invalid imports the rest, a re-import updates instead of
# duplicating, --letters writes a PDF whose codes are new at each issue, deactivate and reassign
# take a sheet of usernames, and a new account cannot log in before it is activated.
# Usage: accounts_cli_test.sh [path/to/minqing]. Prints "cli accounts: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-./build/${MINQING_PRESET:-release}/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-cli-accounts.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check "description" command...
  local what=$1
  shift
  if "$@" >>"$work/log" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
refuses() { ! "$@"; }
codes() { pdftotext -layout "$1" - | grep -oE '激活码 +[2-9A-HJKMNP-Z]{8}' | awk '{print $2}'; }

db=$work/county.db
check "init" env MINQING_ADMIN_PASSWORD=Admin-pass-2026 "$bin" init --db "$db" \
  --county-name 测试县 --county-code 139999
# The binary's password hashes keep Argon2id's interactive limits (64 MiB, two passes); only the
# test executables link src/test_support/cheap_password_hashing.cpp, which lowers them.
admin_hash=$(sqlite3 "$db" "SELECT password_hash FROM users WHERE username = 'admin'")
check "the binary hashes passwords at full cost" grep -qF '$argon2id$v=19$m=65536,t=2,' <<<"$admin_hash"
cat >"$work/accounts.csv" <<'CSV'
姓名,角色,用户名,管辖区域代码,所属单位,手机号,关联身份证号
刘领导,领导,liuld,139999,,13900000001,
陈窗口,中心窗口人员,,139999,,13900000002,
赵助理,村级事务助理,zhaozl,,,,
CSV
check "a sheet with a bad row imports nothing" refuses "$bin" accounts import --db "$db" "$work/accounts.csv"
check "the bad row is named with its column" \
  bash -c "'$bin' accounts import --db '$db' '$work/accounts.csv' | grep -q '4.管辖区域代码.村级事务助理账号必须填写管辖区域代码'"
check "nothing was written" refuses bash -c "'$bin' accounts letters --db '$db' --out '$work/x.pdf' --username liuld"
check "--skip-invalid imports the valid rows with their letters" \
  "$bin" accounts import --db "$db" "$work/accounts.csv" --skip-invalid --letters "$work/letters.pdf" \
  --public-url https://mq.example.cn
check "the letters are a PDF with two codes" test "$(codes "$work/letters.pdf" | wc -l)" = 2
check "the letters carry the public activation link" \
  bash -c "pdftotext '$work/letters.pdf' - | grep -q 'https://mq.example.cn/activate?u=liuld'"
check "the phone becomes the username of a row without one" \
  bash -c "pdftotext '$work/letters.pdf' - | grep -q 13900000002"
check "a re-import updates the two accounts" \
  bash -c "'$bin' accounts import --db '$db' '$work/accounts.csv' --skip-invalid | grep -q '新账号 0，更新 2'"
printf '用户名\nliuld\n' >"$work/names.csv"
check "letters again from a sheet of usernames" \
  "$bin" accounts letters --db "$db" --sheet "$work/names.csv" --out "$work/again.pdf"
check "a re-issued letter has a new code" \
  test "$(codes "$work/again.pdf")" != "$(codes "$work/letters.pdf" | head -1)"
check "reassign to the county" "$bin" accounts reassign --db "$db" "$work/names.csv" --region 139999
check "deactivate" bash -c "'$bin' accounts deactivate --db '$db' '$work/names.csv' | grep -q ': 1'"
check "no letters for a deactivated account" \
  refuses "$bin" accounts letters --db "$db" --sheet "$work/names.csv" --out "$work/none.pdf"
check "reactivate" bash -c "'$bin' accounts reactivate --db '$db' '$work/names.csv' | grep -q ': 1'"
check "an unknown username is an error" \
  refuses "$bin" accounts letters --db "$db" --username nobody --out "$work/none.pdf"

echo "cli accounts: $passed passed, $failed failed"
if ((failed)); then
  cat "$work/log"
  exit 1
fi
