#!/usr/bin/env bash
# The CLI's handling of secrets and files: no password on the command line (stdin, environment
# or prompt instead), the password policy, database and backup files readable by their owner
# only, and a backup that never overwrites the live database or (without --force) any file.
# Usage: cli_security_test.sh [path/to/minqing]. Prints "cli security: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-./build/${MINQING_PRESET:-release}/src/cli/minqing}
work=$(mktemp -d /tmp/minqing-cli-security.XXXXXX)
umask 022  # The usual umask: files are world-readable unless the program says otherwise.
passed=0
failed=0
check() {  # check "description" command...
  local what=$1
  shift
  if "$@" >>"$work/log" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
refuses() { ! "$@"; }
mode() { stat -c %a "$1"; }

db=$work/county.db
check "init takes the admin password from the environment" \
  env MINQING_ADMIN_PASSWORD=Admin-pass-2026 "$bin" init --db "$db" --county-name 测试县 --county-code 139999
check "init refuses a password on the command line" \
  refuses "$bin" init --db "$db" --admin-username admin2 --admin-password Admin-pass-2026
check "user add refuses a password on the command line" \
  refuses "$bin" user add --db "$db" --username wang --password Wang-pass-2026 --role leader
check "user add without any password source fails" \
  refuses "$bin" user add --db "$db" --username wang --role leader </dev/null
check "user add reads the password from stdin" \
  bash -c "printf 'Wang-pass-2026\n' | '$bin' user add --db '$db' --username wang --role leader --password-stdin"
check "user add reads the password from MINQING_PASSWORD" \
  env MINQING_PASSWORD=Li-pass-2026 "$bin" user add --db "$db" --username lisi --role leader
check "a weak password is refused" \
  refuses env MINQING_PASSWORD=12345678 "$bin" user add --db "$db" --username zhao --role leader
check "the database is 0600" test "$(mode "$db")" = 600
for suffix in -wal -shm; do
  if [[ -e $db$suffix ]]; then check "the database's $suffix file is 0600" test "$(mode "$db$suffix")" = 600; fi
done

size=$(stat -c %s "$db")
sum=$(sha256sum "$db" | cut -d' ' -f1)
check "backup onto the live database is refused" refuses "$bin" backup --db "$db" "$db"
check "backup onto the live database is refused even with --force" \
  refuses "$bin" backup --db "$db" "$db" --force
check "the live database is untouched" test "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum"
check "the live database keeps its size" test "$(stat -c %s "$db")" = "$size"
check "a backup is written" "$bin" backup --db "$db" "$work/backup.db"
check "the backup is 0600" test "$(mode "$work/backup.db")" = 600
check "a backup does not replace an existing file" refuses "$bin" backup --db "$db" "$work/backup.db"
echo keep >"$work/other.txt"
check "nor an unrelated one" refuses "$bin" backup --db "$db" "$work/other.txt"
check "the unrelated file is untouched" grep -qx keep "$work/other.txt"
check "--force replaces an old backup" "$bin" backup --db "$db" "$work/backup.db" --force
check "the replaced backup is 0600" test "$(mode "$work/backup.db")" = 600

# serve: the development outbox only with --dev-sms, the Secure cookie only with --secure-cookies.
serve() {  # serve NAME [options]: starts a server on a free port; sets $base
  rm -f "$work/$1.port"
  "$bin" serve --db "$db" --port 0 --port-file "$work/$1.port" --escalation-interval 0 "${@:2}" \
    >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [[ -f $work/$1.port ]] && break; sleep 0.1; done
  base="http://127.0.0.1:$(cat "$work/$1.port" 2>/dev/null)"
}
login() {  # prints the response headers of admin's login
  curl -s -D - -o "$work/login.json" -X POST "$base/api/v1/auth/login" \
    -H 'Content-Type: application/json' -d '{"username":"admin","password":"Admin-pass-2026"}'
}
outbox_status() {
  local token
  token=$(sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p' "$work/login.json")
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/dev/sms"
}
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
serve plain
headers=$(login)
check "without --secure-cookies the cookie is not Secure" bash -c "! grep -qi '^set-cookie:.*; Secure' <<<\"\$0\"" "$headers"
check "without --dev-sms the outbox is 404" test "$(outbox_status)" = 404
serve dev --dev-sms --secure-cookies
headers=$(login)
check "--secure-cookies marks the cookie Secure" bash -c "grep -qi '^set-cookie:.*; Secure' <<<\"\$0\"" "$headers"
check "--dev-sms opens the outbox to the administrator" test "$(outbox_status)" = 200
check "--dev-sms says so on start" grep -q '开发模式' "$work/dev.log"

echo "cli security: $passed passed, $failed failed"
[[ $failed -eq 0 ]] || { echo "--- log"; cat "$work/log"; exit 1; }
