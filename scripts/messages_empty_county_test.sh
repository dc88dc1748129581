#!/usr/bin/env bash
# Messages that reach people (issue 15) on a county that starts from an empty `minqing init` (run
# by ctest as cli_messages_empty): the server sends through a webhook SMS gateway (the stub,
# scripts/sms_stub.mjs, its key given in the environment only). An administrator enters a township,
# a village, a unit, a clerk, a handler and a household in the API; the clerk takes a resident's
# matter and dispatches it; the handler finds it in their notifications, accepts and replies; the
# resident's reply SMS and sign-off code reach the gateway, and the resident signs the matter off
# with that code, which closes it; a second code to the same phone within the minute is refused.
# Then another resident of the household signs up by a code texted to their phone.
# Usage: scripts/messages_empty_county_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: messages_empty_county_test.sh path/to/minqing}
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/minqing-messages-empty.XXXXXX)
server_pid=""
stub_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $stub_pid ]] && kill "$stub_pid" 2>/dev/null && wait "$stub_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
source scripts/lib/server.sh
fail() { echo "FAIL: $*"; exit 1; }
db="$dir/county.db"
secret=messages-empty-secret-1

out=$(MINQING_ADMIN_PASSWORD='messages-empty-1' "$minqing" init --db "$db" --county-name 新建县 \
  --county-code 139998 2>&1) || fail "init: $out"

node scripts/sms_stub.mjs --port-file "$dir/stub.port" --secret "$secret" --log "$dir/stub.log" \
  >"$dir/stub.out" 2>&1 &
stub_pid=$!
for _ in $(seq 1 100); do [[ -s $dir/stub.port ]] && break; sleep 0.1; done
[[ -s $dir/stub.port ]] || fail "the SMS stub did not start: $(cat "$dir/stub.out")"
touch "$dir/stub.log"

MINQING_SMS_PROVIDER=webhook MINQING_SMS_ENDPOINT="http://127.0.0.1:$(cat "$dir/stub.port")/" \
  MINQING_SMS_SECRET_KEY=$secret MINQING_SMS_QUIET_HOURS=off \
  start_minqing_server "$minqing" "$dir" "$dir/serve.log" --db "$db" --escalation-interval 0 \
  --sms-interval-ms 50 || fail "serve did not start"
grep -q "$secret" "$dir/serve.log" && fail "the server's log shows the gateway's key"

MINQING_URL=$server_url MINQING_HTTP_CHECKS="$(cd "$(dirname "$0")" && pwd)/lib/http_checks.mjs" STUB_LOG="$dir/stub.log" node --input-type=module - <<'EOF' ||
import { readFileSync } from 'node:fs';
const { check, call } = await import(process.env.MINQING_HTTP_CHECKS);
async function login(username, password) {
  const r = await call('POST', '/api/v1/auth/login', { json: { username, password } });
  check(r.status === 200, 'login ' + username, r.body);
  return r.body.token;
}
// The messages the gateway accepted (one JSON line each).
function received() {
  return readFileSync(process.env.STUB_LOG, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
// The first message to `phone` of `kind` that reached the gateway, waiting up to 15 s.
async function waitForSms(phone, kind) {
  for (let i = 0; i < 300; i++) {
    const found = received().find((m) => m.phone === phone && m.kind === kind);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  check(false, `no ${kind} SMS to ${phone} reached the gateway`, received());
}

const admin = await login('admin', 'messages-empty-1');
const roots = await call('GET', '/api/v1/regions', { token: admin });
const rootId = (roots.body.items || roots.body)[0].id;
const town = await call('POST', '/api/v1/regions', { token: admin, json: { parent_id: rootId, level: 'township', name: '东镇', code: '139998100' } });
check(town.status === 201, 'township created', town.body);
const village = await call('POST', '/api/v1/regions', { token: admin, json: { parent_id: town.body.id, level: 'village', name: '柳树村', code: '139998100201' } });
check(village.status === 201, 'village created', village.body);
const unit = await call('POST', '/api/v1/units', { token: admin, json: { name: '东镇社会事务服务中心', kind: 'service_centre', region_id: town.body.id } });
check(unit.status === 201, 'unit created', unit.body);
for (const user of [
  { username: 'clerk', display_name: '窗口受理员', role: 'centre_staff', scope_region_id: town.body.id, password: 'clerk-pass-1' },
  { username: 'handler', display_name: '承办人', role: 'unit_handler', scope_unit_id: unit.body.id, password: 'handler-pass-1' },
]) {
  const made = await call('POST', '/api/v1/users', { token: admin, json: user });
  check(made.status === 201, 'user ' + user.username, made.body);
}
const household = await call('POST', '/api/v1/households', { token: admin, json: {
  region_id: village.body.id, address: '柳树村1组3号', tags: [],
  members: [
    { name: '王景云', id_card: '11010519491231002X', phone: '13900001111', relation: '户主' },
    { name: '王小红', phone: '13900002222', relation: '子女' },
  ] } });
check(household.status === 201, 'household created', household.body);
const categories = await call('GET', '/api/v1/categories', { token: admin });
const category = (categories.body.items || categories.body)[0];
check(category && category.id, 'the seeded catalogue has a category', categories.body);

// The clerk takes the matter and dispatches it to the unit.
const clerk = await login('clerk', 'clerk-pass-1');
const handler = await login('handler', 'handler-pass-1');
const created = await call('POST', '/api/v1/matters', { token: clerk, json: {
  type: 'help', category_id: category.id, household_id: household.body.id,
  content: '家门口路灯不亮一个月了' } });
check(created.status === 201, 'matter accepted', created.body);
const matter = created.body.matter;
const { number, token: receipt } = created.body.receipt;
const dispatched = await call('POST', `/api/v1/matters/${matter.id}/dispatch`, { token: clerk, json: { unit_id: unit.body.id } });
check(dispatched.status === 200, 'dispatched', dispatched.body);

// The handler's message centre has it; they accept and reply.
const mine = await call('GET', '/api/v1/notifications', { token: handler });
check(mine.status === 200 && mine.body.unread === 1, 'one unread notification for the handler', mine.body);
check(mine.body.items[0].kind === 'matter_dispatched' && mine.body.items[0].link === `/matters/${matter.id}`,
  'the notification opens the dispatched matter', mine.body);
check((await call('POST', `/api/v1/matters/${matter.id}/accept`, { token: handler, json: {} })).status === 200, 'accepted by the unit');
const replied = await call('POST', `/api/v1/matters/${matter.id}/reply`, { token: handler, json: { text: '已更换路灯' } });
check(replied.status === 200, 'replied', replied.body);
const reply = await waitForSms('13900001111', 'matter_replied');
check(reply.text.includes(number), 'the reply SMS names the matter', reply);

// The resident asks for the sign-off code on the public page; it reaches the gateway.
const asked = await call('POST', `/api/v1/public/matters/${number}/code`, { json: { token: receipt } });
check(asked.status === 200, 'sign-off code requested', asked.body);
const code = await waitForSms('13900001111', 'signoff_code');
check(/^\d{6}$/.test(code.params.code), 'the code is in the message', code);
// Another code to that phone within the minute is refused, whatever it is for.
const again = await call('POST', '/api/v1/public/phone-codes', { json: { phone: '13900001111', purpose: 'signup' } });
check(again.status === 429 && again.body.error.code === 'sms.rate_limited', 'a second code within the minute is refused', again.body);
const confirmed = await call('POST', `/api/v1/public/matters/${number}/confirm`, { json: {
  token: receipt, code: code.params.code, solved: true, rating: 5 } });
check(confirmed.status === 200, 'signed off with the code', confirmed.body);
const page = await call('GET', `/api/v1/public/matters/${number}?token=${encodeURIComponent(receipt)}`);
check(page.body.status === 'closed', 'the matter is closed', page.body);

// The other resident signs up with a code texted to their phone.
const signupCode = await call('POST', '/api/v1/public/phone-codes', { json: { phone: '13900002222', purpose: 'signup' } });
check(signupCode.status === 202, 'sign-up code requested', signupCode.body);
const texted = await waitForSms('13900002222', 'signup_code');
const signedUp = await call('POST', '/api/v1/public/signup', { json: { phone: '13900002222', code: texted.params.code, display_name: '王小红' } });
check(signedUp.status === 201 && signedUp.body.token, 'signed up by phone code', signedUp.body);
const me = await call('GET', '/api/v1/auth/me', { token: signedUp.body.token });
check(me.status === 200 && me.body.user.role === 'resident', 'a resident account', me.body);
console.log('messages on an empty county: ok');
EOF
  fail "the HTTP checks failed (server log: $(tail -n 5 "$dir/serve.log"))"
echo "messages empty county: ok"
