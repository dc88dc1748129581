#!/usr/bin/env bash
# A read replica (issue 19): a PostgreSQL primary and a streaming replica made with
# `pg_basebackup -R`, both in a scratch directory on free ports, and `minqing serve --replica-url`.
# Run by ctest as cli_replica; skipped (exit 77) without MINQING_TEST_PG_URL, the sign that the
# machine has PostgreSQL's server binaries (the test does not use that server).
# With replay paused on the replica: session A writes (a household, a matter, a village renamed);
# A's lists, the matter list, its dashboard show the writes (read-your-own-writes, from this
# process's memory and from the cookie alone, as another process would read it); session B's lists
# and dashboard do not (they come from the replica), yet B's household list labels rows with the
# village's new name (the region-name cache is not filled from a replica behind its generation).
# Replay resumed, B sees the writes. The replica stopped, reads go on from the primary (logged once).
# Usage: scripts/replica_test.sh path/to/minqing
set -uo pipefail
minqing=$(realpath "${1:?usage: replica_test.sh path/to/minqing}")
cd "$(dirname "$0")/.."
[[ -n ${MINQING_TEST_PG_URL:-} ]] || { echo "replica: skipped, MINQING_TEST_PG_URL is not set"; exit 77; }
source scripts/lib/server.sh

bindir=/usr/lib/postgresql/15/bin
[[ -x $bindir/initdb ]] || bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bindir/pg_basebackup ]] || { echo "replica: skipped, no PostgreSQL server binaries"; exit 77; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d /tmp/minqing-replica.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  for data in "$work/replica" "$work/primary"; do
    [[ -f $data/postmaster.pid ]] && as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "replica: FAIL: $*"
  [[ -f $work/serve.log ]] && tail -n 20 "$work/serve.log"
  exit 1
}
[[ $EUID -eq 0 ]] && chown postgres:postgres "$work"

ports=$(free_local_port 2) || exit 1
primary_port=$ports
replica_port=$((ports + 1))
# Speed over durability, as the test server runs; wal_level=replica is what a replica needs.
settings="-c listen_addresses='' -k $work -c fsync=off -c synchronous_commit=off \
  -c full_page_writes=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on"
as_pg "$bindir/initdb" -D "$work/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  >"$work/initdb.log" 2>&1 || fail "initdb: $(tail -n 5 "$work/initdb.log")"
as_pg "$bindir/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 30 \
  -o "-p $primary_port $settings" start >/dev/null || fail "primary: $(tail -n 5 "$work/primary.log")"
as_pg "$bindir/pg_basebackup" -h "$work" -p "$primary_port" -U postgres -D "$work/replica" -R \
  -X stream -c fast >"$work/basebackup.log" 2>&1 || fail "pg_basebackup: $(tail -n 5 "$work/basebackup.log")"
as_pg "$bindir/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w -t 30 \
  -o "-p $replica_port $settings" start >/dev/null || fail "replica: $(tail -n 5 "$work/replica.log")"
[[ $(psql -tAq "postgresql:///postgres?host=$work&port=$replica_port&user=postgres" \
  -c "SELECT pg_is_in_recovery()") == t ]] || fail "the replica is not in recovery"

psql -q "postgresql:///postgres?host=$work&port=$primary_port&user=postgres" \
  -c "CREATE DATABASE minqing" >/dev/null || fail "create database"
primary="postgresql:///minqing?host=$work&port=$primary_port&user=postgres"
replica="postgresql:///minqing?host=$work&port=$replica_port&user=postgres"
MINQING_ADMIN_PASSWORD='replica-test-1' "$minqing" init --db "$primary" --county-name 副本县 \
  --county-code 139996 >/dev/null || fail "init"
# The flag is PostgreSQL's alone.
"$minqing" serve --db "$work/x.db" --replica-url "$replica" >"$work/sqlite.log" 2>&1 &&
  fail "serve with SQLite and a replica started"
grep -q "只读副本" "$work/sqlite.log" || fail "no clear error for SQLite with a replica: $(cat "$work/sqlite.log")"

start_minqing_server "$minqing" "$work" "$work/serve.log" --db "$primary" --replica-url "$replica" \
  --escalation-interval 0 || fail "serve did not start"

MINQING_URL=$server_url MINQING_REPLICA=$replica WORK=$work \
  MINQING_HTTP_CHECKS="$PWD/scripts/lib/http_checks.mjs" node --input-type=module - <<'JS' || fail "the HTTP checks failed"
const { check } = await import(process.env.MINQING_HTTP_CHECKS);
const { execFileSync } = await import('node:child_process');
const base = process.env.MINQING_URL;
const onReplica = (sql) => execFileSync('psql', ['-tAq', process.env.MINQING_REPLICA, '-c', sql]).toString().trim();

// A request with a bearer token and, optionally, cookies; returns status, body and Set-Cookie.
async function request(method, path, { token, json, cookie } = {}) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (cookie) headers.Cookie = cookie;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch {}
  return { status: res.status, body, cookies: res.headers.getSetCookie() };
}
async function must(status, what, r) {
  const answer = await r;
  check(answer.status === status, `${what}: answered ${answer.status}, not ${status}`, answer.body);
  return answer;
}
// Waits (at most 10 s: a bound for a stuck test, not a speed target) until `done` is true.
async function eventually(what, done) {
  const until = Date.now() + 10000;
  while (!(await done())) {
    check(Date.now() < until, what, null);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const login = async () => (await must(200, 'login', request('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'replica-test-1' } }))).body.token;
const addresses = async (token, cookie) =>
  (await must(200, 'households', request('GET', '/api/v1/households?page_size=100', { token, cookie }))).body.items.map((h) => h.address);
const matterCount = async (token, cookie) =>
  (await must(200, 'matters', request('GET', '/api/v1/matters', { token, cookie }))).body.total;
const received = async (token, cookie) =>
  (await must(200, 'dashboard', request('GET', '/api/v1/dashboard', { token, cookie }))).body.totals.received;

// Session A sets up a township, a village and a household; session B only reads.
const a = await login();
const b = await login();
const roots = (await must(200, 'regions', request('GET', '/api/v1/regions', { token: a }))).body;
const countyId = (roots.items || roots)[0].id;
const town = (await must(201, 'township', request('POST', '/api/v1/regions', { token: a, json: { parent_id: countyId, level: 'township', name: '东镇', code: '139996100' } }))).body;
const village = (await must(201, 'village', request('POST', '/api/v1/regions', { token: a, json: { parent_id: town.id, level: 'village', name: '柳村', code: '139996100201' } }))).body;
const first = (await must(201, 'household', request('POST', '/api/v1/households', { token: a, json: {
  region_id: village.id, address: '柳村1号', members: [{ name: '柳一', relation: '户主' }] } }))).body;
const categories = (await must(200, 'categories', request('GET', '/api/v1/categories', { token: a }))).body;
const category = (categories.items || categories)[0];
await eventually('B sees the first household once the replica has it', async () => (await addresses(b)).includes('柳村1号'));
const matters = await matterCount(b);
const before = await received(b);

// Replay paused: the replica keeps what it has.
onReplica('SELECT pg_wal_replay_pause()');
await eventually('replay pauses', async () => onReplica('SELECT pg_get_wal_replay_pause_state()') === 'paused');
const added = await must(201, 'household while paused', request('POST', '/api/v1/households', { token: a, json: {
  region_id: village.id, address: '柳村2号', members: [{ name: '柳二', relation: '户主' }] } }));
const fenceCookie = added.cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('mq_read_after='));
check(fenceCookie && Number(fenceCookie.split('=')[1]) > 0, 'a write answers with the read fence cookie', added.cookies);
await must(201, 'matter while paused', request('POST', '/api/v1/matters', { token: a, json: {
  type: 'help', category_id: category.id, household_id: first.id, content: '柳村路灯不亮' } }));
await must(200, 'village renamed while paused', request('PATCH', `/api/v1/regions/${village.id}`, { token: a, json: {
  level: 'village', name: '新柳村', code: '139996100201' } }));

// A reads its own writes: from this process's memory of its session, and from the cookie alone
// (how another process behind nginx would know), even on B's session.
check((await addresses(a)).includes('柳村2号'), "A's list shows A's household", null);
check((await matterCount(a)) === matters + 1, "A's matter list shows A's matter", null);
check((await received(a)) === before + 1, "A's dashboard counts A's matter", null);
const latest = (await request('GET', '/api/v1/auth/me', { token: a })).cookies;
check(latest.length === 0, 'a read sets no fence', latest);
check((await addresses(b, fenceCookie)).includes('柳村2号'), 'the fence cookie alone brings the write', null);

// B reads the replica, which has not replayed A's writes.
check(!(await addresses(b)).includes('柳村2号'), "B's household list comes from the paused replica", null);
check((await matterCount(b)) === matters, "B's matter list comes from the paused replica", null);
check((await received(b)) === before, "B's dashboard comes from the paused replica", null);
// The rows are the replica's, their village's name is not: names filed under the new registry
// generation were read where that generation's writes are.
const labels = (await must(200, 'households', request('GET', '/api/v1/households?page_size=100', { token: b }))).body.items.map((h) => h.region_label);
check(labels.length > 0 && labels.every((l) => l.includes('新柳村')), "B's rows carry the village's new name", labels);

// /metrics shows the replica: reads sent to the primary because it was behind, and its replay
// lag, which A's writes made more than zero while replay is paused.
const metrics = async () => {
  const text = await (await fetch(`${process.env.MINQING_URL}/metrics`)).text();
  const sample = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(name + ' '));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };
  return { text, lag: sample('minqing_replica_lag_bytes'), up: sample('minqing_replica_up'),
    behind: sample('minqing_replica_reads_total{outcome="behind"}'),
    replica: sample('minqing_replica_reads_total{outcome="replica"}') };
};
const paused = await metrics();
check(paused.up === 1 && paused.lag > 0, 'the paused replica lags in /metrics', paused.text.split('\n').filter((l) => l.includes('replica')));
check(paused.behind > 0 && paused.replica > 0, 'reads sent to the primary and read on the replica are counted', paused.text.split('\n').filter((l) => l.includes('replica')));
console.log(`replica: lag while paused ${paused.lag} bytes`);

// Replay resumed: B catches up.
onReplica('SELECT pg_wal_replay_resume()');
await eventually('B sees the household after replay resumed', async () => (await addresses(b)).includes('柳村2号'));
await eventually('B sees the matter after replay resumed', async () => (await matterCount(b)) === matters + 1);
await eventually('the lag shrinks after replay resumed', async () => (await metrics()).lag < paused.lag);
console.log('replica: B read the replica, A its own writes');
JS

# The replica stops: reads go to the primary; the server says so once and keeps answering.
as_pg "$bindir/pg_ctl" -D "$work/replica" -m fast -w stop >/dev/null || fail "stop the replica"
MINQING_URL=$server_url MINQING_HTTP_CHECKS="$PWD/scripts/lib/http_checks.mjs" node --input-type=module - <<'JS' || fail "reads without the replica failed"
const { check, call } = await import(process.env.MINQING_HTTP_CHECKS);
const login = await call('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'replica-test-1' } });
check(login.status === 200, 'login without the replica', login.body);
for (let i = 0; i < 5; i++) {
  for (const path of ['/api/v1/households', '/api/v1/matters', '/api/v1/dashboard']) {
    const r = await call('GET', path, { token: login.body.token });
    check(r.status === 200, `${path} without the replica: ${r.status}`, r.body);
  }
}
const list = await call('GET', '/api/v1/households?page_size=100', { token: login.body.token });
check(list.body.items.some((h) => h.address === '柳村2号'), 'the primary answers with everything', list.body);
JS
[[ $(grep -c "the read replica is unavailable" "$work/serve.log") -eq 1 ]] ||
  fail "the replica's failure is not logged exactly once: $(grep -c "the read replica is unavailable" "$work/serve.log")"
echo "replica: ok"
