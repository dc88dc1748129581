#!/usr/bin/env bash
# CLI-level test of `minqing verify` (run by ctest as cli_verify): exit 0 on an intact database,
# non-zero (1) after an audit row is edited with plain SQL, 3 on a database that was never
# chained, and 0 again after `--start-chain`.
# Usage: scripts/verify_cli_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: verify_cli_test.sh path/to/minqing}
dir=$(mktemp -d /tmp/minqing-verify.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sql() { sqlite3 "$1" "$2"; }

db="$dir/a.db"
MINQING_ADMIN_PASSWORD='chain-test-1' "$minqing" init --db "$db" >/dev/null || fail "init"
out=$("$minqing" verify --db "$db"); rc=$?
[[ $rc -eq 0 ]] || fail "intact database: exit $rc ($out)"
[[ $out == *"chain intact"* ]] || fail "no summary line: $out"

sql "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'forger' WHERE chain_seq = 1;"
out=$("$minqing" verify --db "$db"); rc=$?
[[ $rc -eq 1 ]] || fail "edited database: exit $rc ($out)"
[[ $out == *"TAMPERED"*"was edited"*"[entry id "* ]] || fail "edit not named: $out"

old="$dir/old.db"
MINQING_ADMIN_PASSWORD='chain-test-1' "$minqing" init --db "$old" >/dev/null || fail "init old"
sql "$old" "UPDATE audit_chain_head SET started_at = NULL, seq = 0, hash = '0000000000000000000000000000000000000000000000000000000000000000'; DROP TRIGGER audit_log_no_update; UPDATE audit_log SET chain_seq = NULL, prev_hash = '', entry_hash = '';"
out=$("$minqing" verify --db "$old"); rc=$?
[[ $rc -eq 3 ]] || fail "never chained: exit $rc ($out)"
[[ $out == *"never chained"*"--start-chain"* ]] || fail "never chained not said: $out"
out=$("$minqing" verify --db "$old" --start-chain); rc=$?
[[ $rc -eq 0 ]] || fail "after --start-chain: exit $rc ($out)"
[[ $out == *"chain started from now"*"chain intact"* ]] || fail "start not reported: $out"
echo "cli_verify: ok"
