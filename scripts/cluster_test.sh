#!/usr/bin/env bash
# Two minqing processes on one PostgreSQL database behind nginx (deploy/nginx-minqing-cluster.conf,
# ports substituted), as a province runs them (issue 19): run by ctest as cli_cluster on the test
# PostgreSQL server (MINQING_TEST_PG_URL; skipped, exit 77, without it or without nginx).
# Through nginx and each process directly: a session made on one process works on the other; a
# household changed through one process is seen at once by the other, which had it cached (the
# time it took is printed); a network plan previewed on one is applied on the other, once; a
# matter taken in on one is read on the other; sixty intakes at once on both get sixty different
# ids (each process holds an id node of its own); wrong passwords sent alternately to both make the
# right one wait on both (the login throttle's counts are rows); six suggestions from one address
# sent alternately to both meet the box's shared limit at the sixth; look-ups on a public route
# through nginx, spread over both, meet nginx's shared limit (429, JSON) where neither process's
# own would have refused; the periodic jobs' lease has one holder, one of the two; /metrics
# answers on the process's own host but not through nginx.
# Usage: scripts/cluster_test.sh path/to/minqing
set -uo pipefail
minqing=$(realpath "${1:?usage: cluster_test.sh path/to/minqing}")
cd "$(dirname "$0")/.."
[[ -n ${MINQING_TEST_PG_URL:-} ]] || { echo "cluster: skipped, MINQING_TEST_PG_URL is not set"; exit 77; }
command -v nginx >/dev/null || { echo "cluster: skipped, nginx is not installed"; exit 77; }
source scripts/lib/server.sh
work=$(mktemp -d /tmp/minqing-cluster.XXXXXX)
database="minqing_cluster_$$"
url=${MINQING_TEST_PG_URL/\/minqing_test?//$database?}
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  psql -q "$MINQING_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "cluster: FAIL: $*"; exit 1; }

# The cluster file's public limit counts exactly minqing's routes without login (the kPublic
# routes of src/http/route_permissions.cpp), and none that needs one.
patterns=()
while IFS= read -r pattern; do patterns+=("$pattern"); done < <(
  sed -n '/^map "\$request_method \$uri"/,/^}/s/^ *"\([^"]*\)" \$binary_remote_addr;$/\1/p' \
    deploy/nginx-minqing-cluster.conf)
counted() {  # "METHOD path"
  local pattern
  for pattern in "${patterns[@]}"; do
    if [[ $pattern == "~"* ]]; then
      [[ $1 =~ ${pattern#\~} ]] && return 0
    elif [[ $1 == "$pattern" ]]; then
      return 0
    fi
  done
  return 1
}
public_routes=0
while IFS=$'\t' read -r route scope; do
  if [[ $scope == kPublic ]]; then
    public_routes=$((public_routes + 1))
    counted "$route" || fail "nginx's public limit misses $route"
  else
    counted "$route" && fail "nginx's public limit counts $route, which needs a login"
  fi
done < <(sed -n 's/^ *{"\([A-Z]*\)", "\([^"]*\)", .*S::\(k[A-Za-z]*\)},.*$/\1 \2\t\3/p' \
  src/http/route_permissions.cpp)
((public_routes >= 40)) || fail "read $public_routes routes without login from route_permissions.cpp"

psql -q "$MINQING_TEST_PG_URL" -c "CREATE DATABASE $database" >/dev/null || fail "create database"
MINQING_ADMIN_PASSWORD='cluster-test-1' "$minqing" init --db "$url" --county-name 省测县 \
  --county-code 139997 >/dev/null || fail "init"
urls=()
for name in a b; do
  mkdir -p "$work/$name"
  start_minqing_server "$minqing" "$work/$name" "$work/$name/serve.log" --db "$url" \
    --escalation-interval 1 || fail "process $name did not start"
  pids+=("$server_pid")
  urls+=("$server_url")
done
port_a=${urls[0]##*:}
port_b=${urls[1]##*:}
nginx_port=$(free_local_port) || exit 1

mkdir -p "$work/tmp"
sed -e "s|127.0.0.1:8080|127.0.0.1:$port_a|" -e "s|127.0.0.1:8081|127.0.0.1:$port_b|" \
  deploy/nginx-minqing-cluster.conf >"$work/upstream.conf"
# The site's server block as deploy/nginx-minqing.conf has it, without TLS: /metrics refused, the
# JSON answer of nginx's own 429 (the cluster file's shared public-route limit).
write_nginx_conf "$work" "  log_format upstreamlog '\$upstream_addr \$status \$request';
  access_log $work/access.log upstreamlog;
  include $work/upstream.conf;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /metrics { return 404; }
    error_page 429 = @minqing_rate_limited;
    location @minqing_rate_limited {
      default_type application/json;
      add_header Retry-After 1 always;
      return 429 '{\"error\":{\"code\":\"rate_limited\",\"message\":\"请求过于频繁，请稍后再试\"}}';
    }
    location / {
      proxy_pass http://minqing;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }"
nginx -p "$work" -c "$work/nginx.conf" || fail "nginx did not start: $(cat "$work/nginx-error.log")"
for _ in $(seq 1 50); do [[ -s $work/nginx.pid ]] && break; sleep 0.1; done

MINQING_URL="http://127.0.0.1:$nginx_port" MINQING_A=${urls[0]} MINQING_B=${urls[1]} \
  MINQING_HTTP_CHECKS="$PWD/scripts/lib/http_checks.mjs" node --input-type=module - <<'JS' || fail "the HTTP checks failed"
const { check, call, callAt } = await import(process.env.MINQING_HTTP_CHECKS);
const [A, B] = [process.env.MINQING_A, process.env.MINQING_B];
async function must(status, what, r) {
  const answer = await r;
  check(answer.status === status, `${what}: answered ${answer.status}, not ${status}`, answer.body);
  return answer.body;
}

// A session made through nginx is good on both processes.
const login = await must(200, 'login', call('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'cluster-test-1' } }));
const token = login.token;
for (const at of [A, B]) await must(200, 'the session on ' + at, callAt(at, 'GET', '/api/v1/auth/me', { token }));

// A township, a village with four households and a party member, entered through both processes.
const roots = await must(200, 'regions', call('GET', '/api/v1/regions', { token }));
const countyId = (roots.items || roots)[0].id;
const town = await must(201, 'township', callAt(A, 'POST', '/api/v1/regions', { token, json: { parent_id: countyId, level: 'township', name: '北镇', code: '139997100' } }));
const village = await must(201, 'village', callAt(B, 'POST', '/api/v1/regions', { token, json: { parent_id: town.id, level: 'village', name: '杨庄村', code: '139997100201' } }));
const households = [];
for (let i = 0; i < 4; i++) {
  households.push(await must(201, 'household', callAt(i % 2 ? A : B, 'POST', '/api/v1/households', { token, json: {
    region_id: village.id, address: `杨庄村${i + 1}号`, lat: 38.2 + i * 0.0004, lng: 115.7,
    members: [{ name: `杨${'一二三四'[i]}`, relation: '户主' }] } })));
}
const branch = await must(201, 'branch', callAt(A, 'POST', '/api/v1/party/orgs', { token, json: { kind: 'branch', name: '杨庄村党支部', region_id: village.id } }));
const first = await must(200, 'household', callAt(B, 'GET', `/api/v1/households/${households[0].id}`, { token }));
await must(201, 'member', callAt(B, 'POST', '/api/v1/party/members', { token, json: {
  resident_id: first.members[0].id, org_id: branch.id, status: 'full', capacity: 10, joined_on: '2001-07-01' } }));

// B has the household cached; A changes it; B answers with the change at once.
const target = households[1];
const cached = (await must(200, 'household on B', callAt(B, 'GET', `/api/v1/households/${target.id}`, { token }))).household;
check(cached.address === '杨庄村2号', 'the address before', cached);
await must(200, 'change on A', callAt(A, 'PATCH', `/api/v1/households/${target.id}`, { token, json: {
  region_id: village.id, number: cached.number, address: '杨庄村二组2号', lat: cached.lat, lng: cached.lng } }));
const changedAt = Date.now();
let seen = null;
while (Date.now() - changedAt < 5000) {
  const now = await must(200, 'household on B', callAt(B, 'GET', `/api/v1/households/${target.id}`, { token }));
  if (now.household.address === '杨庄村二组2号') { seen = Date.now() - changedAt; break; }
}
check(seen !== null, 'B shows the change A made', null);
console.log(`cluster: B saw A's change after ${seen} ms`);

// A network plan previewed on A is applied on B, once.
const preview = await must(200, 'preview on A', callAt(A, 'POST', `/api/v1/network/villages/${village.id}/preview`, { token }));
check(preview.added.length === 4, 'four households in the plan', preview);
const applied = await must(200, 'apply on B', callAt(B, 'POST', `/api/v1/network/plans/${preview.plan_id}/apply`, { token }));
check(applied.added === 4, 'four links written', applied);
const again = await callAt(A, 'POST', `/api/v1/network/plans/${preview.plan_id}/apply`, { token });
check(again.status === 404 && again.body.error.code === 'network.plan_not_found', 'a plan is applied once', again.body);

// A matter taken in on A is read on B.
const categories = await must(200, 'categories', callAt(B, 'GET', '/api/v1/categories', { token }));
const category = (categories.items || categories)[0];
const accepted = await must(201, 'intake on A', callAt(A, 'POST', '/api/v1/matters', { token, json: {
  type: 'help', category_id: category.id, household_id: households[2].id, content: '村口路灯不亮' } }));
const onB = await must(200, 'the matter on B', callAt(B, 'GET', `/api/v1/matters/${accepted.matter.id}`, { token }));
check(onB.content === '村口路灯不亮' || JSON.stringify(onB).includes('村口路灯不亮'), 'the same matter', onB);

// Both processes take matters in at once: each makes its ids as its own node, so none collide.
const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => callAt(i % 2 ? B : A, 'POST',
  '/api/v1/matters', { token, json: { type: 'help', category_id: category.id,
    household_id: households[i % households.length].id, content: `同时受理 ${i}` } })));
check(burst.every((r) => r.status === 201), 'sixty intakes at once on both processes',
  burst.filter((r) => r.status !== 201).map((r) => r.body));
check(new Set(burst.map((r) => r.body.matter.id)).size === 60, 'sixty different ids', null);

// The login throttle is shared: wrong passwords sent alternately to A and B count as one
// series, and then the right password is refused on both (the pair waits, whichever process).
for (let i = 0; i < 5; i++) {
  const at = i % 2 ? B : A;
  const wrong = await callAt(at, 'POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'not-the-password' } });
  check(wrong.status === 401 && wrong.body.error.code === 'auth.invalid_credentials', `wrong password ${i + 1} on ${at}`, wrong.body);
  const left = (wrong.body.error.details || []).find((d) => d.field === 'attempts_left');
  check(left && left.message === String(4 - i), `attempts left after ${i + 1} wrong passwords on both`, wrong.body);
}
for (const at of [B, A]) {
  const refused = await callAt(at, 'POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'cluster-test-1' } });
  check(refused.status === 429 && refused.body.error.code === 'auth.rate_limited', 'the right password waits on ' + at, refused.body);
}

// The suggestion box's limit is shared (request_windows): 5 from one address in a 150 s window,
// however they are spread, where each process's own bucket (a burst of 5) would let 3 on each
// through. The six are sent within one window: not in its last 5 seconds.
const windowLeft = 150000 - (Date.now() % 150000);
if (windowLeft < 5000) await new Promise((resolve) => setTimeout(resolve, windowLeft + 100));
const suggestions = [];
for (let i = 0; i < 6; i++) {
  suggestions.push(await callAt(i % 2 ? B : A, 'POST', '/api/v1/public/suggestions',
    { json: { unit_id: 1, content: '大厅需要增加座椅' } }));
}
check(suggestions.slice(0, 5).every((r) => r.status === 404 && r.body.error.code === 'suggestion.no_centre'),
  'five suggestions admitted over both processes (no centre in this county)', suggestions.map((r) => r.body));
check(suggestions[5].status === 429 && suggestions[5].body.error.code === 'suggestion.rate_limited',
  'the sixth refused on B, which had seen two', suggestions[5].body);

// The public routes' limit is nginx's, shared: 200 look-ups in a row through nginx are refused
// from about the 62nd with nginx's JSON 429 (burst 60, then 2 a second); the ones it admits are
// spread over both processes, about 31 each, fewer than each one's own burst of 60.
const answers = [];
for (let i = 0; i < 200; i++) answers.push(await call('GET', '/api/v1/public/service-centres'));
const refusedAt = answers.findIndex((r) => r.status === 429);
check(refusedAt > 0, 'the shared public limit refused a look-up', answers.map((r) => r.status));
check(answers[refusedAt].body.error.code === 'rate_limited', 'its answer is JSON with the code', answers[refusedAt].body);
check(answers.slice(0, refusedAt).every((r) => r.status === 200), 'the look-ups before it were answered', answers.map((r) => r.status));
console.log(`cluster: the shared public limit refused look-up ${refusedAt + 1} of 200`);

// /metrics: the process's own host yes, the public through nginx no.
check((await callAt(A, 'GET', '/metrics')).status === 200, 'metrics on the host', null);
check((await call('GET', '/metrics')).status === 404, 'no metrics through nginx', null);
JS

# Both processes answered requests through nginx.
for port in "$port_a" "$port_b"; do
  grep -q "127.0.0.1:$port " "$work/access.log" || fail "nginx sent nothing to the process on $port"
done
# The public look-ups reached both processes, none of them refused one (each stayed under its own
# bucket), and the refusals were nginx's (no upstream).
for port in "$port_a" "$port_b"; do
  grep -q "^127.0.0.1:$port 200 GET /api/v1/public/service-centres" "$work/access.log" ||
    fail "no public look-up reached the process on $port"
done
grep -q "^[0-9.:]* 429 GET /api/v1/public/" "$work/access.log" && fail "a process refused a public look-up itself"
grep -q "^- 429 GET /api/v1/public/service-centres" "$work/access.log" ||
  fail "nginx refused no public look-up"
# The escalation's lease: one holder, one of the two processes.
holder=$(psql -tAq "$url" -c "SELECT holder FROM job_leases WHERE name = 'escalation'")
[[ $holder == *":$port_a:"* || $holder == *":$port_b:"* ]] || fail "escalation lease holder '$holder'"
[[ $(psql -tAq "$url" -c "SELECT COUNT(*) FROM job_leases WHERE name NOT LIKE 'id-node-%'") -eq 2 ]] ||
  fail "job leases"
# Each process holds an id node of its own (app::IdNodeLease).
nodes=$(psql -tAq "$url" -c "SELECT COUNT(DISTINCT name) FROM job_leases WHERE name LIKE 'id-node-%'
  AND expires_at > extract(epoch FROM now()) AND (holder LIKE '%:${pids[0]}:%' OR holder LIKE '%:${pids[1]}:%')")
[[ $nodes -eq 2 ]] || fail "the two processes hold $nodes id nodes, not 2"
echo "cluster: ok (lease holder ${holder%:*})"
