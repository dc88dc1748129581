#!/usr/bin/env bash
# README command 1: installs, builds, creates the demo county in an embedded SQLite file (once)
# and serves it. Set PORT (default 8080) and MINQING_DEMO_DB to change the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
db=${MINQING_DEMO_DB:-var/demo.db}
mkdir -p "$(dirname "$db")"
if [[ ! -f $db ]]; then
  ./build/release/src/cli/minqing demo --db "$db"
fi
cat <<TXT

演示账号 Demo logins (password 密码: demo123456)
  admin      系统管理员 administrator (whole county)
  leader     领导 leader (read-only, whole county)
  clerk      中心窗口人员 window clerk (first township)
  handler    承办单位人员 unit handler (县民政局)
  assistant  村级事务助理 village assistant (first village)
  member     党员 party member
  resident   群众 resident

TXT
exec ./build/release/src/cli/minqing serve --db "$db" --address "${ADDRESS:-0.0.0.0}" --port "${PORT:-8080}" --web web/dist --dev-sms
