#!/usr/bin/env bash
# `minqing doctor` as an operator runs it: on a missing database (fails clearly), a database whose
# migrations never ran (names them, fails), a fresh `minqing init` (passes, but warns that the
# public URL is unset and that no SMS gateway is configured), after `serve --public-url` stored a
# real URL (that check passes), after a loopback URL (warns), with a backup directory that does
# not exist (fails), and on a PostgreSQL server nobody listens at (fails). Also: serve refuses a
# public URL with a path, and warns at start when it is unset.
# Usage: doctor_cli_test.sh path/to/minqing
set -uo pipefail
bin=$1
work=$(mktemp -d /tmp/minqing-doctor.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
source "$(dirname "$0")/lib/server.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A stand-in for the built web UI, so the result does not depend on web/dist being built.
mkdir -p "$work/web" "$work/backups"
echo '<!doctype html>' >"$work/web/index.html"
echo '<!doctype html>' >"$work/web/public.html"
backups=$work/backups
doctor() {  # doctor DB: output in $work/out, exit code in $status
  "$bin" doctor --db "$1" --web "$work/web" --backup-dir "$backups" >"$work/out" 2>&1
  status=$?
}
expect() {  # expect TEXT: the last doctor output contains TEXT
  grep -qF -- "$1" "$work/out" || { fail "doctor output lacks '$1'"; cat "$work/out"; }
}

# 1. No database at all: a clear failure, and nothing is created.
doctor "$work/missing.db"
[[ $status -eq 1 ]] || fail "missing database: exit $status, expected 1"
expect "[失败 FAIL] 数据库无法打开"
expect "数据库文件不存在"
[[ ! -e $work/missing.db ]] || fail "doctor created the missing database file"

# 2. A database whose migrations never ran.
sqlite3 "$work/old.db" "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"
doctor "$work/old.db"
[[ $status -eq 1 ]] || fail "unmigrated database: exit $status, expected 1"
expect "数据库未迁移到本程序的版本"
expect "V032__site_settings"

# 3. A fresh init: nothing to fix, but the public URL and messaging are warned about.
MINQING_ADMIN_PASSWORD=doctor-test-pw1 "$bin" init --db "$work/m.db" >/dev/null || fail "init failed"
doctor "$work/m.db"
[[ $status -eq 0 ]] || { fail "fresh init: exit $status, expected 0"; cat "$work/out"; }
expect "[通过 OK]   数据库已迁移到 V"
expect "[警告 WARN] 对外网址未设置"
expect "[警告 WARN] 未配置短信通道"
expect "备份目录 / backup directory 可写"
grep -q '对外网址 / public URL:' "$work/out" && fail "fresh init: the public URL check passed"

# SMS: a provider without templates names every kind that cannot be sent; a complete webhook
# configuration passes; a broken file fails; the secret is never printed.
cat >"$work/sms-tencent.json" <<'JSON'
{"provider": "tencent", "secret_id": "AKIDdoctor", "secret_key": "doctor-secret-key-1",
 "sign_name": "饶阳民情", "app_id": "1400000001", "templates": {"signoff_code": "100001"}}
JSON
"$bin" doctor --db "$work/m.db" --web "$work/web" --backup-dir "$backups" \
  --sms-config "$work/sms-tencent.json" >"$work/out" 2>&1
[[ $? -eq 1 ]] || fail "templates missing: doctor did not ask for a fix"
expect "[失败 FAIL] 短信模板未配置"
expect "走访确认码(visit_code)"
grep -q "诉求确认验证码(signoff_code)" "$work/out" && fail "a configured template was listed as missing"
grep -q "doctor-secret-key-1" "$work/out" && fail "doctor printed the SMS secret"
MINQING_SMS_PROVIDER=webhook MINQING_SMS_ENDPOINT=http://127.0.0.1:9/sms MINQING_SMS_SECRET_KEY=hook-secret-2 \
  "$bin" doctor --db "$work/m.db" --web "$work/web" --backup-dir "$backups" >"$work/out" 2>&1
expect "[通过 OK]   短信通道 / SMS gateway"
grep -q "hook-secret-2" "$work/out" && fail "doctor printed the webhook secret"
echo '{"provider": ' >"$work/sms-broken.json"
"$bin" doctor --db "$work/m.db" --web "$work/web" --backup-dir "$backups" \
  --sms-config "$work/sms-broken.json" >"$work/out" 2>&1
[[ $? -eq 1 ]] || fail "a broken SMS configuration passed"
expect "[失败 FAIL] 短信通道配置有误"

# serve without a public URL warns on stderr, in Chinese and English, in one line.
start_minqing_server "$bin" "$work" "$work/serve1.log" --db "$work/m.db" --escalation-interval 0 ||
  fail "serve did not start"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
grep -q '^警告：对外网址未设置.*warning: the public URL is unset' "$work/serve1.log" ||
  { fail "serve did not warn about the unset public URL"; cat "$work/serve1.log"; }

# 4. serve --public-url stores the URL: the check passes and nothing needs fixing.
start_minqing_server "$bin" "$work" "$work/serve2.log" --db "$work/m.db" --escalation-interval 0 \
  --public-url "HTTPS://MinQing.Example.gov.cn/" || fail "serve --public-url did not start"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
grep -q '警告：对外网址' "$work/serve2.log" && fail "serve warned although the public URL is real"
grep -q '^警告：未配置短信通道' "$work/serve2.log" || fail "serve did not warn that no SMS gateway is set"
doctor "$work/m.db"
[[ $status -eq 0 ]] || fail "after --public-url: exit $status, expected 0"
expect "[通过 OK]   对外网址 / public URL: https://minqing.example.gov.cn"

# 5. A loopback URL is stored but warned about.
start_minqing_server "$bin" "$work" "$work/serve3.log" --db "$work/m.db" --escalation-interval 0 \
  --public-url "http://127.0.0.1:8080" || fail "serve with a loopback URL did not start"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
grep -q '^警告：对外网址指向本机' "$work/serve3.log" || fail "serve did not warn about a loopback URL"
doctor "$work/m.db"
expect "[警告 WARN] 对外网址指向本机"

# 6. A URL with a path is refused before the server starts, with the reason.
timeout 20 "$bin" serve --db "$work/m.db" --port 0 --public-url "https://example.gov.cn/minqing" >"$work/bad.log" 2>&1
[[ $? -ne 0 ]] || fail "serve accepted a public URL with a path"
grep -q '对外网址不正确.*路径' "$work/bad.log" || { fail "no clear error for a bad public URL"; cat "$work/bad.log"; }

# 7. A backup directory that does not exist must be fixed.
backups=$work/nowhere
doctor "$work/m.db"
[[ $status -eq 1 ]] || fail "missing backup directory: exit $status, expected 1"
expect "[失败 FAIL] 备份目录 / backup directory 不可写"

# 8. A PostgreSQL server that is not there.
backups=$work/backups
doctor "postgresql://nobody@127.0.0.1:1/minqing"
[[ $status -eq 1 ]] || fail "unreachable PostgreSQL: exit $status, expected 1"
expect "[失败 FAIL] 数据库无法打开"

# 9. PostgreSQL (when the test server is there): next month's partitions are checked; with one
# missing doctor fails and names it, and `minqing partitions` makes it.
if [[ -n ${MINQING_TEST_PG_URL:-} ]]; then
  pg_db="minqing_doctor_$$"
  pg_url=${MINQING_TEST_PG_URL/\/minqing_test?/\/$pg_db?}
  psql -q "$MINQING_TEST_PG_URL" -c "CREATE DATABASE $pg_db" >/dev/null || fail "create $pg_db"
  MINQING_ADMIN_PASSWORD='doctor-test-1' "$bin" init --db "$pg_url" >/dev/null || fail "init on PostgreSQL"
  doctor "$pg_url"
  expect "[通过 OK]   按月分区已建到下月"
  next=$(psql -tAq "$pg_url" -c "SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours') + interval '1 month', 'YYYYMM')")
  psql -q "$pg_url" -c "DROP TABLE matter_events_p$next" >/dev/null || fail "drop a partition"
  doctor "$pg_url"
  [[ $status -eq 1 ]] || fail "missing partition: exit $status, expected 1"
  expect "下月的按月分区未建立，下月起这些表的写入会被拒绝 / no partition for next month: matter_events"
  # Any command's opening of the database makes the months ahead again (here `partitions`, which
  # then has nothing left to make and lists it).
  "$bin" partitions --db "$pg_url" >"$work/partitions.out" 2>&1 || fail "minqing partitions failed"
  grep -q "新建分区 / partitions made: 0" "$work/partitions.out" || { fail "partitions made"; cat "$work/partitions.out"; }
  grep -q "matter_events_p$next" "$work/partitions.out" || fail "the partition is not listed"
  doctor "$pg_url"
  expect "[通过 OK]   按月分区已建到下月"
  "$bin" partitions --db "$pg_url" --archive-before 2999-01 >"$work/partitions.out" 2>&1
  [[ $? -ne 0 ]] && grep -q "partitions.bad_month" "$work/partitions.out" ||
    { fail "archiving the future was not refused"; cat "$work/partitions.out"; }
  # Before this month: the early partitions of matters and of the audit log leave (V067), each
  # recorded in the audit log.
  this_month=$(psql -tAq "$pg_url" -c "SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours'), 'YYYY-MM')")
  "$bin" partitions --db "$pg_url" --archive-before "$this_month" >"$work/partitions.out" 2>&1 ||
    { fail "archiving before this month failed"; cat "$work/partitions.out"; }
  grep -q "matter partitions archived: 1" "$work/partitions.out" &&
    grep -q "audit log partitions archived: 1" "$work/partitions.out" &&
    grep -q "matters_p_early .*已归档 archived" "$work/partitions.out" ||
    { fail "the early partitions were not archived"; cat "$work/partitions.out"; }
  [[ $(psql -tAq "$pg_url" -c "SELECT count(*) FROM audit_log WHERE action = 'partitions.archive'") == 2 ]] ||
    fail "the archiving is not in the audit log"
  "$bin" partitions --db "$pg_url" --archive-before "$this_month" --archive events >"$work/partitions.out" 2>&1
  [[ $? -eq 2 ]] || fail "--archive events was not refused"
  psql -q "$MINQING_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
fi

if [[ $failures -eq 0 ]]; then echo "doctor CLI: all checks passed"; fi
exit $((failures > 0))
