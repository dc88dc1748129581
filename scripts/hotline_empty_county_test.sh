#!/usr/bin/env bash
# The hotline features of issue 18 on a county that starts from an empty `minqing init` (run by
# ctest as cli_hotline_empty): before anything is entered, the statistics by tag, the map, the
# disputes, the route settings, the monthly reports and the Open311 documents answer (the seeded
# catalogue is the list of services); then an administrator enters a township, a village with
# coordinates and a unit in the API, creates an Open311 key, and an outside client files a request
# by coordinates, which becomes a matter of that village, reads back without personal data and
# names the unit it is dispatched to.
# Usage: scripts/hotline_empty_county_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: hotline_empty_county_test.sh path/to/minqing}
source "$(dirname "$0")/lib/server.sh"
start_script_test minqing-hotline-empty
db="$dir/county.db"

out=$(MINQING_ADMIN_PASSWORD='hotline-empty-1' "$minqing" init --db "$db" --county-name 新建县 \
  --county-code 139999 2>&1) || fail "init: $out"
start_minqing_server "$minqing" "$dir" "$dir/serve.log" --db "$db" --escalation-interval 0 ||
  fail "serve did not start"

MINQING_URL=$server_url MINQING_HTTP_CHECKS="$(cd "$(dirname "$0")" && pwd)/lib/http_checks.mjs" node --input-type=module - <<'EOF' || fail "the HTTP checks failed"
const { check, call } = await import(process.env.MINQING_HTTP_CHECKS);

const login = await call('POST', '/api/v1/auth/login', { json: { username: 'admin', password: 'hotline-empty-1' } });
check(login.status === 200, 'admin login', login.body);
const token = login.body.token;

// Empty county: every new read answers, with nothing in it.
for (const path of ['/api/v1/tag-stats', '/api/v1/map', '/api/v1/matters/disputes',
                    '/api/v1/matters/route-settings', '/api/v1/monthly-reports',
                    '/api/v1/open311/keys', '/api/v1/matters?pending=extension']) {
  const r = await call('GET', path, { token });
  check(r.status === 200, 'GET ' + path + ' on an empty county', r.body);
}
const map = await call('GET', '/api/v1/map', { token });
check(JSON.stringify(map.body).includes('"households"'), 'the map names its households', map.body);
const disputes = await call('GET', '/api/v1/matters/disputes', { token });
check(disputes.body.items.length === 0, 'no disputes', disputes.body);
const services0 = await call('GET', '/open311/v2/services.json');
// `minqing init` seeds the default catalogue: its categories are the services at once.
const water = Array.isArray(services0.body) && services0.body.find((s) => s.service_name === '供水供电');
check(services0.status === 200 && water, 'the default catalogue as Open311 services', services0.body);
const discovery = await call('GET', '/open311/v2/discovery.json');
check(discovery.status === 200 && discovery.body.endpoints.length === 1, 'discovery', discovery.body);
const nokey = await call('POST', '/open311/v2/requests.json', { form: { service_code: '1', lat: '38.2', long: '115.7', description: 'x' } });
check(nokey.status === 403 && nokey.body[0].code === 403, 'a request without api_key is refused', nokey.body);

// The county enters its first township and village, and a unit.
const roots = await call('GET', '/api/v1/regions', { token });
check(roots.status === 200, 'regions', roots.body);
const rootId = (roots.body.items || roots.body)[0].id;
const town = await call('POST', '/api/v1/regions', { token, json: { parent_id: rootId, level: 'township', name: '东镇', code: '139999100' } });
check(town.status === 201, 'township created', town.body);
const village = await call('POST', '/api/v1/regions', { token, json: { parent_id: town.body.id, level: 'village', name: '柳树村', code: '139999100201', lat: 38.2351, lng: 115.7264 } });
check(village.status === 201, 'village created', village.body);
const unit = await call('POST', '/api/v1/units', { token, json: { name: '县水务局', kind: 'bureau', phone: '0318-5000000' } });
check(unit.status === 201, 'unit created', unit.body);
const key = await call('POST', '/api/v1/open311/keys', { token, json: { name: '随手拍' } });
check(key.status === 201 && key.body.secret.startsWith('o311_'), 'key created', key.body);

const before = await call('GET', '/api/v1/matters', { token });
const filed = await call('POST', '/open311/v2/requests.json', { form: {
  api_key: key.body.secret, service_code: water.service_code, lat: '38.2360', long: '115.7270',
  description: '柳树村三组停水两天了，联系电话13800001234', 'attribute[matter_type]': 'help',
  first_name: '王', last_name: '芳', phone: '13800001234' } });
check(filed.status === 200 && filed.body[0].service_request_id, 'request filed by coordinates', filed.body);
const after = await call('GET', '/api/v1/matters', { token });
check(after.body.total === before.body.total + 1, 'one matter more', after.body);
const matter = after.body.items.find((m) => m.number === filed.body[0].service_request_id);
check(matter && matter.region_id === village.body.id, 'the matter is the village\'s', matter);

const read = await call('GET', '/open311/v2/requests/' + filed.body[0].service_request_id + '.json');
check(read.status === 200 && read.body[0].status === 'open', 'read back', read.body);
const text = JSON.stringify(read.body);
check(!text.includes('13800001234') && !text.includes('王芳'), 'no personal data in the public answer', read.body);
check(read.body[0].address.includes('柳树村'), 'the address is the village', read.body);
check(read.body[0].agency_responsible === '', 'no responsible unit before dispatch', read.body);
const dispatched = await call('POST', '/api/v1/matters/' + matter.id + '/dispatch', { token, json: { unit_id: unit.body.id } });
check(dispatched.status === 200, 'dispatched', dispatched.body);
const reread = await call('GET', '/open311/v2/requests/' + filed.body[0].service_request_id + '.json');
check(reread.body[0].agency_responsible === '县水务局', 'the responsible unit after dispatch', reread.body);
console.log('hotline features on an empty county: ok');
EOF
echo "hotline empty county: ok"
