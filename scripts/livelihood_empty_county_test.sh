#!/usr/bin/env bash
# The working-together features of issue 17 on a county that starts from an empty `minqing init`
# (run by ctest as cli_livelihood_empty): before anything is entered, every list and public page
# of livelihood projects, meetings and decisions, unit–village pairing, volunteers, service
# providers, away members and online study answers with an empty list; then an administrator
# enters a township, a village, a household, a unit and the accounts through the API and runs
# the smallest flow of each: a project with an outside team member, one household, a visit and
# its consent; a meeting whose decision is marked done by its owner (not by the administrator);
# a reception day on the public page; a pair whose need is matched to a resource; a volunteer team, an activity and a sign-up; a
# provider that joins and receives a dispatched matter. Any unexpected answer fails the test.
# Usage: scripts/livelihood_empty_county_test.sh path/to/minqing
set -uo pipefail
minqing=${1:?usage: livelihood_empty_county_test.sh path/to/minqing}
source "$(dirname "$0")/lib/server.sh"
start_script_test minqing-livelihood-empty
db="$dir/county.db"

out=$(MINQING_ADMIN_PASSWORD='livelihood-empty-1' "$minqing" init --db "$db" --county-name 新建县 \
  --county-code 139998 2>&1) || fail "init: $out"
start_minqing_server "$minqing" "$dir" "$dir/serve.log" --db "$db" --escalation-interval 0 ||
  fail "serve did not start"

MINQING_URL=$server_url MINQING_HTTP_CHECKS="$(cd "$(dirname "$0")" && pwd)/lib/http_checks.mjs" node --input-type=module - <<'EOF' || fail "the HTTP checks failed"
const { check, call } = await import(process.env.MINQING_HTTP_CHECKS);
// Sends and insists on the status; returns the body.
async function must(status, what, method, path, options) {
  const r = await call(method, path, options);
  check(r.status === status, `${what}: ${method} ${path} answered ${r.status}, not ${status}`, r.body);
  return r.body;
}
async function loginAs(username, password) {
  const r = await must(200, 'login ' + username, 'POST', '/api/v1/auth/login', { json: { username, password } });
  return r.token;
}
const isEmptyList = (body) => body && Array.isArray(body.items) && body.items.length === 0;

const admin = await loginAs('admin', 'livelihood-empty-1');
const roots = await must(200, 'regions', 'GET', '/api/v1/regions', { token: admin });
const countyId = (roots.items || roots)[0].id;

// Empty county: every list and public page answers an empty list, not an error.
for (const path of ['/api/v1/projects', '/api/v1/meetings', '/api/v1/decisions/mine',
                    '/api/v1/decisions/overdue', '/api/v1/pairing/pairs', '/api/v1/volunteer-teams',
                    '/api/v1/providers', '/api/v1/away/members',
                    '/api/v1/study/activities']) {
  const body = await must(200, 'empty list', 'GET', path, { token: admin });
  check(isEmptyList(body), 'GET ' + path + ' lists nothing on an empty county', body);
}
for (const path of ['/api/v1/public/projects', '/api/v1/public/reception-days',
                    '/api/v1/public/providers', `/api/v1/public/volunteer-activities/${countyId}`]) {
  const body = await must(200, 'empty public list', 'GET', path);
  check(isEmptyList(body), 'GET ' + path + ' lists nothing on an empty county', body);
}

// The county enters a township, a village, a household of two, a unit and the accounts.
const town = await must(201, 'township', 'POST', '/api/v1/regions', { token: admin, json: { parent_id: countyId, level: 'township', name: '东镇', code: '139998100' } });
const village = await must(201, 'village', 'POST', '/api/v1/regions', { token: admin, json: { parent_id: town.id, level: 'village', name: '柳树村', code: '139998100201' } });
// A village's public needs and activities answer empty before anything is entered there.
for (const path of [`/api/v1/public/pairing/${village.id}/needs`, `/api/v1/public/volunteer-activities/${village.id}`]) {
  const body = await must(200, 'empty public list', 'GET', path);
  check(isEmptyList(body), 'GET ' + path + ' lists nothing for a new village', body);
}
const household = await must(201, 'household', 'POST', '/api/v1/households', { token: admin, json: {
  region_id: village.id, address: '柳树村一组3号',
  members: [{ name: '王景云', relation: '户主', phone: '13800001111' }, { name: '李秀兰', relation: '配偶' }] } });
const detail = await must(200, 'household detail', 'GET', `/api/v1/households/${household.id}`, { token: admin });
const members = detail.members || (detail.household && detail.household.members) || [];
const head = members.find((m) => m.name === '王景云');
check(head && head.id, 'the head of household is registered', detail);
const unit = await must(201, 'unit', 'POST', '/api/v1/units', { token: admin, json: { name: '县农业农村局', kind: 'bureau', phone: '0318-5000001' } });
const centre = await must(201, 'service centre', 'POST', '/api/v1/units', { token: admin, json: { name: '东镇便民服务中心', kind: 'service_centre', region_id: town.id } });
const password = 'Liushu-2026-ok';
const users = {};
for (const [username, role, scope] of [['dz_leader', 'leader', { scope_region_id: town.id }],
                                       ['dz_clerk', 'centre_staff', { scope_region_id: town.id }]]) {
  const made = await must(201, 'account ' + username, 'POST', '/api/v1/users', { token: admin, json: {
    username, display_name: username, role, password, ...scope } });
  users[username] = { id: made.id, token: await loginAs(username, password) };
}
const leader = users.dz_leader.token;
const clerk = users.dz_clerk.token;

// A livelihood project: an outside team member, one household, a visit and the consent.
const project = await must(201, 'project', 'POST', '/api/v1/projects', { token: leader, json: {
  name: '柳树村道路硬化', kind: 'old_compound', region_id: village.id, description: '村内主路硬化' } });
const projectPath = `/api/v1/projects/${project.id}`;
await must(201, 'outside team member', 'POST', projectPath + '/team', { token: leader, json: {
  kind: 'outside', name: '赵工', organisation: '县路桥公司', phone: '13900002222', team_role: '施工方代表' } });
const added = await must(200, 'project household', 'POST', projectPath + '/households', { token: leader, json: { household_ids: [household.id] } });
check(added.added === 1, 'one household in the project', added);
await must(400, 'consent without a visit', 'PUT', `${projectPath}/consent/${household.id}`, { token: leader, json: { consent: 'agreed' } });
const visit = await must(201, 'visit', 'POST', '/api/v1/visits', { token: clerk, json: { household_id: household.id, learned: '上门讲解道路硬化方案' } });
const consent = await must(200, 'consent', 'PUT', `${projectPath}/consent/${household.id}`, { token: leader, json: { consent: 'agreed', visit_id: visit.id } });
check(consent.consent === 'agreed', 'the household agreed', consent);
const read = await must(200, 'project detail', 'GET', projectPath, { token: leader });
check(read.team.length === 1 && read.team[0].name === '赵工', 'the outside member is on the team', read.team);
check(read.dashboard.consent.agreed === 1, 'one consent on the dashboard', read.dashboard);
const progress = await must(200, 'public progress', 'GET', '/api/v1/public/projects');
check(progress.items.length === 1 && progress.items[0].consent.agreed === 1, 'the public progress counts the consent', progress);
check(!JSON.stringify(progress).includes('王景云'), 'no names in the public progress', progress);

// A meeting with a decision owned by the clerk, who alone marks it done.
const meeting = await must(201, 'meeting', 'POST', '/api/v1/meetings', { token: leader, json: {
  kind: 'joint', title: '道路硬化联席会', date: '2026-07-11', start: '09:00', end: '10:00', place: '村委会',
  region_id: village.id, project_id: project.id, minutes: '议定先修一组路段',
  attendees: [{ kind: 'unit', unit_id: unit.id }, { kind: 'outside', name: '赵工', organisation: '县路桥公司' },
              { kind: 'resident', resident_id: head.id }] } });
check(meeting.attendees.length === 3, 'three attendees', meeting);
const decision = await must(201, 'decision', 'POST', `/api/v1/meetings/${meeting.id}/decisions`, { token: leader, json: {
  text: '一组路段先行施工', owner_user_id: users.dz_clerk.id, deadline: '2099-08-01' } });
const mine = await must(200, 'my decisions', 'GET', '/api/v1/decisions/mine', { token: clerk });
check(mine.items.length === 1 && mine.items[0].id === decision.id, 'the owner finds the decision', mine);
const notByAdmin = await call('POST', `/api/v1/decisions/${decision.id}/done`, { token: admin, json: { note: '已完成' } });
check(notByAdmin.status === 403 && notByAdmin.body.error.code === 'meeting.not_decision_owner', 'the administrator cannot mark it done', notByAdmin.body);
const done = await must(200, 'decision done', 'POST', `/api/v1/decisions/${decision.id}/done`, { token: clerk, json: { note: '一组路段已开工' } });
check(done.state === 'done', 'the decision is done', done);

// A reception day at the township's centre opens places the public page shows.
const reception = await must(201, 'reception day', 'POST', '/api/v1/meetings', { token: leader, json: {
  kind: 'reception_day', title: '镇领导接待日', date: '2099-06-01', start: '09:00', end: '11:00',
  place: '东镇便民服务中心', region_id: village.id, host_unit_id: centre.id, capacity: 3 } });
check(reception.slot_id, 'the reception day has a slot', reception);
const days = await must(200, 'public reception days', 'GET', '/api/v1/public/reception-days');
check(days.items.length === 1 && days.items[0].capacity === 3 && days.items[0].booked === 0, 'the reception day is public', days);

// Pairing: the bureau pairs with the village; the village's need is matched to its resource.
const pair = await must(201, 'pair', 'POST', '/api/v1/pairing/pairs', { token: leader, json: { unit_id: unit.id, region_id: village.id, from: '2026-01-01' } });
const need = await must(201, 'need', 'POST', `/api/v1/pairing/pairs/${pair.id}/needs`, { token: leader, json: { title: '冬季蔬菜大棚技术指导', kind: 'skills', detail: '十户' } });
const publicNeeds = await must(200, 'public needs', 'GET', `/api/v1/public/pairing/${village.id}/needs`);
check(publicNeeds.items.length === 1 && publicNeeds.items[0].title === '冬季蔬菜大棚技术指导', 'the need is public', publicNeeds);
const resource = await must(201, 'resource', 'POST', `/api/v1/pairing/pairs/${pair.id}/resources`, { token: leader, json: { kind: 'skills', description: '农技站专家两名' } });
await must(201, 'match', 'POST', `/api/v1/pairing/pairs/${pair.id}/matches`, { token: leader, json: { need_id: need.id, resource_id: resource.id } });
const paired = await must(200, 'pair detail', 'GET', `/api/v1/pairing/pairs/${pair.id}`, { token: leader });
check(paired.matches.length === 1 && paired.needs[0].state !== 'open', 'the need is matched', paired);

// Volunteers: a team, a resident volunteer, an activity and a sign-up.
const team = await must(201, 'volunteer team', 'POST', '/api/v1/volunteer-teams', { token: leader, json: { name: '柳树村志愿服务队', region_id: village.id } });
const volunteer = await must(201, 'volunteer', 'POST', `/api/v1/volunteer-teams/${team.id}/volunteers`, { token: leader, json: { resident_id: head.id } });
const activity = await must(201, 'activity', 'POST', `/api/v1/volunteer-teams/${team.id}/activities`, { token: leader, json: {
  title: '清扫村道', date: '2099-05-01', time: '08:00', place: '村委会', capacity: 5, hours: '2' } });
await must(201, 'sign-up', 'POST', `/api/v1/volunteer-activities/${activity.id}/signups`, { token: leader, json: { volunteer_id: volunteer.id } });
const signed = await must(200, 'activity detail', 'GET', `/api/v1/volunteer-activities/${activity.id}`, { token: leader });
check(signed.signups.length === 1 && signed.free_places === 4, 'one sign-up, four places left', signed);
const publicActivities = await must(200, 'public activities', 'GET', `/api/v1/public/volunteer-activities/${village.id}`);
check(publicActivities.items.length === 1 && publicActivities.items[0].free_places === 4, 'the activity is public', publicActivities);

// A provider joins and receives a matter dispatched to it.
const categories = await must(200, 'categories', 'GET', '/api/v1/categories', { token: admin });
const category = (categories.items || categories).find((c) => c.name === '供水供电');
check(category, 'the seeded catalogue has 供水供电', categories);
const provider = await must(201, 'provider', 'POST', '/api/v1/providers', { token: leader, json: {
  new_unit: { name: '东镇水电维修部', phone: '0318-5000002' }, category_ids: [category.id], region_ids: [town.id],
  commitments: '两小时内上门' } });
check(provider.state === 'active', 'the provider is active', provider);
const publicProviders = await must(200, 'public providers', 'GET', '/api/v1/public/providers');
check(publicProviders.items.length === 1 && publicProviders.items[0].name === '东镇水电维修部', 'the provider is public', publicProviders);
const accepted = await must(201, 'matter', 'POST', '/api/v1/matters', { token: clerk, json: {
  type: 'help', category_id: category.id, household_id: household.id, content: '家里水管漏水，需要上门维修' } });
const matterPath = `/api/v1/matters/${accepted.matter.id}`;
const dispatched = await must(200, 'dispatch', 'POST', matterPath + '/dispatch', { token: clerk, json: { unit_id: provider.unit_id } });
check(dispatched.unit_id === provider.unit_id, 'the matter is the provider\'s', dispatched);
const providers = await must(200, 'providers', 'GET', '/api/v1/providers', { token: leader });
check(providers.items.length === 1, 'one provider in the list', providers);

// The lists that began empty now show what was entered.
for (const [path, count] of [['/api/v1/projects', 1], ['/api/v1/meetings', 2], ['/api/v1/pairing/pairs', 1],
                             ['/api/v1/volunteer-teams', 1], ['/api/v1/away/members', 0], ['/api/v1/study/activities', 0]]) {
  const body = await must(200, 'list', 'GET', path, { token: leader });
  check(body.items.length === count, `GET ${path} lists ${count}`, body);
}
console.log('livelihood features on an empty county: ok');
EOF
echo "livelihood empty county: ok"
