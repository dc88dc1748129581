// The 1+10 network and the diary (民情日记): a party member on a phone logs a visit, the household
// confirms it with the one-time code sent to the head of household's phone, and the village's quota
// progress moves. The network page's settings and station dialogs read, check and save their record.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { BASE, ASSISTANT, ADMIN, RESULTS, requireServer, launch, newPage, shot, field, login, apiGet } from './helpers.mjs'
import { MEMBER, apiLogin, call, itemsOf, smsCode, area, mobilePage, uiLogin } from './network-helpers.mjs'

async function quotaVisited(page, villageId) {
  const res = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/visits/quota')
  await page.goto('/diary/quota')
  assert.equal((await res).status(), 200, 'GET /visits/quota failed')
  const cell = page.locator(`[data-testid="quota-visited-${villageId}"]`)
  await cell.waitFor()
  return Number((await cell.innerText()).trim())
}

// An administrator's network page on a village (by default the last village of the first
// township), picked in the region tree.
async function adminOnVillage(browser, villageId) {
  const page = await newPage(browser)
  await login(page, ADMIN)
  let county, township, village
  if (villageId) {
    village = (await apiGet(page, `/regions/${villageId}`)).body
    village = village.region || village
    township = (await apiGet(page, `/regions/${village.parent_id}`)).body
    township = township.region || township
    county = (await apiGet(page, `/regions/${township.parent_id}`)).body
    county = county.region || county
  } else {
    county = (await apiGet(page, '/regions')).body.items[0]
    township = (await apiGet(page, `/regions?parent_id=${county.id}`)).body.items[0]
    const villages = (await apiGet(page, `/regions?parent_id=${township.id}`)).body.items
    village = villages[villages.length - 1]
  }
  await page.goto('/network')
  // Clicking a node selects it; its arrow opens it.
  for (const r of [county, township]) {
    await page.locator('.el-tree-node__content', { has: page.locator(`[data-testid="region-node-${r.id}"]`) })
      .locator('.el-tree-node__expand-icon').click()
  }
  // The village's network is read when it is picked; on a loaded machine that takes a while, and a
  // failed read shows its status here rather than as a missing name. Once in a full run the read
  // never started (the click landed while the township's children were still being laid out): a
  // click with no request after 20 s is made again, and says so, up to three times.
  const villageNode = page.locator(`[data-testid="region-node-${village.id}"]`)
  await villageNode.waitFor()
  let shown = null
  for (let attempt = 1; attempt <= 3 && !shown; attempt++) {
    if (attempt > 1) console.warn(`network.test: village ${village.id} clicked again (attempt ${attempt}): no read started`)
    const started = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/v1/network/villages/${village.id}`, { timeout: 20000 }).catch(() => null)
    await villageNode.click()
    const request = await started
    if (!request) continue
    shown = await request.response()
    assert.ok(shown, `the read of village ${village.id} failed: ${request.failure()?.errorText}`)
  }
  assert.ok(shown, `the village ${village.id} was never read`)
  assert.equal(shown.status(), 200, await shown.text())
  await page.locator('[data-testid="network-village-name"]', { hasText: village.name }).waitFor()
  return { page, village }
}

describe('1+10 network and the diary', { timeout: 240000 }, () => {
  let browser
  let adminToken
  let villageId
  // Households whose head already got a visit code in this run: a phone gets one code a minute.
  const codeSentTo = new Set()

  before(async () => {
    if (!BASE) return
    browser = await launch()
    adminToken = await apiLogin(ADMIN)
    const memberToken = await apiLogin(MEMBER)
    const me = await call(memberToken, 'GET', '/auth/me')
    villageId = me.body.user.scope_region_id
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('a member logs a visit on a phone, the household confirms it with the SMS code, the quota moves', async () => {
    requireServer()
    assert.ok(villageId, 'the member login has no village scope')
    const memberToken = await apiLogin(MEMBER)
    let my = await call(memberToken, 'GET', '/network/my')
    assert.equal(my.status, 200, `GET /network/my: ${JSON.stringify(my.body)}`)
    if (!(my.body.households || []).length) {
      // No links yet on a fresh county: build the member's village first.
      const plan = await call(adminToken, 'POST', `/network/villages/${villageId}/preview`, {})
      assert.equal(plan.status, 200, `preview: ${JSON.stringify(plan.body)}`)
      const applied = await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})
      assert.equal(applied.status, 200, `apply: ${JSON.stringify(applied.body)}`)
      my = await call(memberToken, 'GET', '/network/my')
    }
    const households = my.body.households || []
    assert.ok(households.length >= 1 && households.length <= 15, `the member should look after about 10 households, has ${households.length}`)

    // A household of the member not yet visited this year, so that the quota must move.
    const assistantToken = await apiLogin(ASSISTANT)
    const unvisited = await call(assistantToken, 'GET', `/visits/unvisited?region_id=${villageId}&page_size=200`)
    assert.equal(unvisited.status, 200, `GET /visits/unvisited: ${JSON.stringify(unvisited.body)}`)
    const notVisited = new Set(itemsOf(unvisited.body).map((h) => h.id))
    const target = households.find((h) => notVisited.has(h.id))
    assert.ok(target, 'every household of the member was already visited this year')

    // The assistant's quota page, before.
    const desk = await newPage(browser)
    await uiLogin(desk, ASSISTANT)
    const before = await quotaVisited(desk, villageId)

    // The member on a phone: straight to the mobile view after logging in.
    const phone = await mobilePage(browser)
    await uiLogin(phone, MEMBER)
    await phone.waitForURL((u) => u.pathname === '/m')
    const cards = phone.locator('[data-testid^="m-household-"]')
    await cards.first().waitFor()
    assert.equal(await cards.count(), households.length, 'the phone view lists every linked household')
    const noScroll = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
    assert.ok(noScroll, 'the mobile view scrolls sideways at 390 px')
    await shot(phone, 'member-mobile-home')

    await phone.locator(`[data-testid="m-household-${target.id}"]`).click()
    await phone.locator('[data-testid="m-log-visit"]').click()
    await phone.locator('[data-testid="visit-kind-routine"]').click()
    await area(phone, 'visit-learned').fill('家中老人身体尚好，小麦长势良好。')
    await area(phone, 'visit-help').fill('讲解了医保缴费政策。')
    const box = await phone.locator('[data-testid="visit-save"]').boundingBox()
    assert.ok(box && box.height >= 44, 'the save button is a big touch target')
    await phone.screenshot({ path: path.join(RESULTS, 'member-visit-form.png') })
    const saved = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/visits' && r.request().method() === 'POST')
    await phone.locator('[data-testid="visit-save"]').click()
    const savedRes = await saved
    assert.equal(savedRes.status(), 201, `POST /visits: ${await savedRes.text()}`)
    const visit = await savedRes.json()
    const visitId = (visit.visit || visit).id

    const sent = phone.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/visits/${visitId}/phone-code`)
    await phone.locator('[data-testid="visit-phone-send"]').click()
    assert.equal((await sent).status(), 200, 'the code was not sent to the head of household')
    codeSentTo.add(target.id)
    await field(phone, 'visit-phone-code').fill(await smsCode(adminToken))
    await phone.locator('[data-testid="visit-phone-confirm"]').click()
    await phone.locator('[data-testid="visit-confirmed"]').waitFor()
    await phone.screenshot({ path: path.join(RESULTS, 'member-visit-confirmed.png') })
    // A survey answered now is tied to this visit.
    const surveyHref = await phone.locator('[data-testid="visit-survey"]').getAttribute('href')
    assert.equal(surveyHref, `/surveys/record/${target.id}?visit=${visitId}`)

    const list = await call(memberToken, 'GET', `/visits?household_id=${target.id}`)
    const mine = itemsOf(list.body).find((v) => v.id === visitId)
    assert.ok(mine, `visit ${visitId} is not in the household's diary`)
    assert.ok(mine.confirmed, `visit ${visitId} is not marked confirmed`)
    assert.equal(mine.confirmed_via, 'phone_code')

    // The assistant's quota page, after: one more household visited.
    const after = await quotaVisited(desk, villageId)
    assert.equal(after, before + 1, `visited households ${before} → ${after}`)
    await desk.locator('[data-testid="quota-villages"]').waitFor()
    await shot(desk, 'quota-page')
    await phone.context().close()
    await desk.context().close()
  })

  it('a household without its card confirms a visit with a code sent to the head of household\'s phone', async () => {
    requireServer()
    const memberToken = await apiLogin(MEMBER)
    const my = await call(memberToken, 'GET', '/network/my')
    const households = my.body.households || []
    assert.ok(households.length > 0, 'the member looks after no household')
    // Only households with a phone on record can get a code. Asking for a code to find one would
    // use up the phone's one code a minute, so the household's record is read instead.
    let withPhone = null
    for (const h of households) {
      if (codeSentTo.has(h.id)) continue
      const detail = await call(adminToken, 'GET', `/households/${h.id}`)
      if ((detail.body.members || []).some((m) => m.phone_masked)) { withPhone = h; break }
    }
    assert.ok(withPhone, 'none of the member\'s households has a phone on record')
    const created = await call(memberToken, 'POST', '/visits', {
      household_id: withPhone.id, kind: 'routine', visited_at: Math.floor(Date.now() / 1000), learned: '户主外出务工，与其母亲交谈。',
    })
    assert.equal(created.status, 201, `POST /visits: ${JSON.stringify(created.body)}`)
    const visit = created.body.visit || created.body

    const phone = await mobilePage(browser)
    await uiLogin(phone, MEMBER)
    await phone.waitForURL((u) => u.pathname === '/m')
    await phone.locator('[data-testid="m-tab-visits"]').click()
    await phone.locator(`[data-testid="m-confirm-later-${visit.id}"]`).click()
    const sent = phone.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/visits/${visit.id}/phone-code`)
    await phone.locator('[data-testid="visit-phone-send"]').click()
    assert.equal((await sent).status(), 200)
    const shown = await phone.locator('[data-testid="visit-phone-sent"]').innerText()
    assert.match(shown, /\d{3}\*{4}\d{4}/, `the phone is not shown masked: ${shown}`)

    // The development SMS sender keeps the message in the outbox; the newest one holds the code.
    const code = await smsCode(adminToken)

    await field(phone, 'visit-phone-code').fill('000000' === code ? '111111' : '000000')
    await phone.locator('[data-testid="visit-phone-confirm"]').click()
    await phone.locator('[data-testid="visit-confirm-error"]').waitFor()
    await shot(phone, 'member-visit-phone-wrong-code')
    await field(phone, 'visit-phone-code').fill(code)
    await phone.locator('[data-testid="visit-phone-confirm"]').click()
    await phone.locator(`[data-testid="m-visit-${visit.id}"]`).getByText('已确认').waitFor()
    const stored = await call(memberToken, 'GET', `/visits/${visit.id}`)
    assert.ok(stored.body.confirmed_at || (stored.body.visit && stored.body.visit.confirmed_at), `visit ${visit.id} is not confirmed`)
    await shot(phone, 'member-visit-phone-confirmed')
    await phone.context().close()
  })

  it('the organisation assigns a member\'s group leader in the tree and removes it again', async () => {
    requireServer()
    const tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
    assert.equal(tree.status, 200, JSON.stringify(tree.body))
    const led = (tree.body.groups || []).filter((g) => g.leader)
    assert.ok(led.length > 0, 'the village has no group with a leader')
    const leaderIds = new Set(led.map((g) => (g.leader.member || g.leader).id))
    const leaderId = (led[0].leader.member || led[0].leader).id
    const entry = (tree.body.groups || []).flatMap((g) => g.members || [])
      .find((x) => !leaderIds.has(x.member.id) && !(x.leader_link && x.leader_link.link_kind === 'pinned'))
    assert.ok(entry, 'no member to assign')
    const memberId = entry.member.id

    const page = await newPage(browser)
    await uiLogin(page, ADMIN)
    await page.goto(`/network?village=${villageId}`)
    await page.locator(`[data-testid="leader-pin-${memberId}"]`).click()
    await page.locator('[data-testid="leader-select"]').click()
    await page.locator(`[data-testid="leader-opt-${leaderId}"]`).filter({ visible: true }).click()
    await page.locator('[data-testid="leader-save"]').click()
    await page.locator(`[data-testid="leader-pinned-${memberId}"]`).waitFor()
    await shot(page, 'network-leader-pinned')
    const after = await call(adminToken, 'GET', `/network/villages/${villageId}`)
    const link = (after.body.groups || []).flatMap((g) => g.members || []).find((x) => x.member.id === memberId).leader_link
    assert.equal(link && link.leader_member_id, leaderId)
    assert.equal(link.link_kind, 'pinned')

    await page.locator(`[data-testid="leader-unlink-${memberId}"]`).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator(`[data-testid="leader-pinned-${memberId}"]`).waitFor({ state: 'detached' })
    const gone = await call(adminToken, 'GET', `/network/villages/${villageId}`)
    assert.equal((gone.body.groups || []).flatMap((g) => g.members || []).find((x) => x.member.id === memberId).leader_link, null)
    await page.context().close()
  })

  it('admin previews the village plan, reads coverage, and the village board is public', async () => {
    requireServer()
    const page = await newPage(browser)
    await uiLogin(page, ADMIN)
    await page.goto(`/network?village=${villageId}`)
    await page.locator('[data-testid="network-tree"] .el-tree-node').first().waitFor()
    await shot(page, 'network-tree')
    await page.locator('[data-testid="network-preview"]').click()
    await page.locator('[data-testid="plan-preview"]').waitFor()
    await shot(page, 'network-preview')

    const coverage = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/network/coverage')
    await page.goto('/network/coverage')
    assert.equal((await coverage).status(), 200)
    await page.locator('[data-testid="coverage-chart"] canvas').waitFor()
    const covered = Number((await page.locator('[data-testid="coverage-households-covered"] .el-statistic__number').innerText()).replace(/[^\d]/g, ''))
    assert.ok(covered > 0, 'no household covered in the county')
    await page.waitForTimeout(1500) // let the bars finish growing
    await shot(page, 'coverage-dashboard')
    await page.context().close()

    // The board needs no login.
    const anon = await newPage(browser)
    await anon.goto(`/board/${villageId}`)
    await anon.locator('[data-testid="board-member-0-0"]').waitFor()
    assert.ok(!new URL(anon.url()).pathname.startsWith('/login'), 'the board asked for a login')
    // The day's published head of the audit chain, as the public API gives it.
    const chain = await anon.evaluate(() => fetch('/api/v1/public/chain-head').then((r) => r.json()))
    assert.ok(chain.started && chain.published.length > 0, 'no chain head published at start')
    const shown = await anon.locator('[data-testid="board-chain-head"] code').innerText()
    assert.match(shown, /^[0-9a-f]{64}$/)
    assert.equal(shown, chain.published[0].hash)
    await shot(anon, 'board')
    await anon.context().close()
  })

  it('the settings and station dialogs read their record as they open, show problems on their fields and save', async () => {
    requireServer()
    const { page, village } = await adminOnVillage(browser)

    // Settings: what the village inherits, a value saved and read back, then put back.
    const own = (await apiGet(page, `/network/settings/${village.id}`)).body
    const dialog = page.locator('[data-testid="network-settings-dialog"]')
    const bonus = field(page, 'setting-stability_bonus_metres')

    await page.locator('[data-testid="network-settings"]').click()
    await dialog.waitFor()
    assert.match(await dialog.innerText(), new RegExp(village.name))
    await page.waitForFunction(() => document.querySelector('[data-testid="setting-stability_bonus_metres"] input')?.value !== '')
    const bonusBefore = Number(await bonus.inputValue())
    assert.equal(bonusBefore, own.stability_bonus_metres)
    assert.equal(await dialog.locator('[data-testid="settings-inherited"]').count(), String(own.region_id) === String(village.id) ? 0 : 1)
    await shot(page, 'network-settings-dialog')

    // Save another value, reopen: it is the region's own now.
    await bonus.fill(String(bonusBefore + 1))
    await bonus.press('Tab')
    await page.locator('[data-testid="network-settings-save"]').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message', { hasText: '已保存' }).waitFor()
    await page.locator('[data-testid="network-settings"]').click()
    await dialog.waitFor()
    await page.waitForFunction((v) => document.querySelector('[data-testid="setting-stability_bonus_metres"] input')?.value === v, String(bonusBefore + 1))
    assert.equal(await dialog.locator('[data-testid="settings-inherited"]').count(), 0)

    // Put the value back for the other tests.
    await bonus.fill(String(bonusBefore))
    await bonus.press('Tab')
    await page.locator('[data-testid="network-settings-save"]').click()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal((await apiGet(page, `/network/settings/${village.id}`)).body.stability_bonus_metres, bonusBefore)

    // The station: the server's problem on its field, then saved and read back.
    const station = page.locator('[data-testid="village-station-dialog"]')
    const place = `村委会一楼${Date.now().toString(36)}`

    const current = (await apiGet(page, `/network/stations/${village.id}`)).body
    await page.locator('[data-testid="village-station"]').click()
    await station.waitFor()
    assert.match(await station.innerText(), new RegExp(village.name))
    // Typing before the station has loaded would be overwritten by it.
    if (current.stored) await page.waitForFunction((v) => document.querySelector('input[data-testid="station-place"], [data-testid="station-place"] input')?.value === v, current.place)
    else await station.locator('[data-testid="station-default"]').waitFor()
    await field(page, 'station-place').fill(place)
    await field(page, 'station-hours').fill('周一至周五 9:00-17:00')
    await field(page, 'station-phone').fill('电话')
    await page.locator('[data-testid="village-station-save"]').click()
    await station.locator('.el-form-item__error', { hasText: '电话号码格式不正确' }).waitFor()
    await shot(page, 'network-station-problem')

    await field(page, 'station-phone').fill('13800138000')
    await page.locator('[data-testid="village-station-save"]').click()
    await station.waitFor({ state: 'hidden' })
    await page.locator('[data-testid="village-station"]').click()
    await station.waitFor()
    await page.waitForFunction((v) => document.querySelector('input[data-testid="station-place"], [data-testid="station-place"] input')?.value === v, place)
    assert.equal(await field(page, 'station-phone').inputValue(), '13800138000')
    assert.equal(await station.locator('[data-testid="station-default"]').count(), 0, 'a stored station shows no default hours')
    const stored = (await apiGet(page, `/network/stations/${village.id}`)).body
    assert.equal(stored.place, place)
    assert.equal(stored.stored, true)
    await page.context().close()
  })

  it("the station's assistant is picked by name among the village's assistant accounts; another account is refused", async () => {
    requireServer()
    const assistantToken = await apiLogin(ASSISTANT)
    const assistant = (await call(assistantToken, 'GET', '/auth/me')).body.user
    assert.ok(assistant.scope_region_id, 'the assistant login has no village scope')
    const { page, village } = await adminOnVillage(browser, assistant.scope_region_id)
    const before = (await apiGet(page, `/network/stations/${village.id}`)).body
    assert.ok(before.assistants.some((a) => a.id === assistant.id), JSON.stringify(before.assistants))

    const station = page.locator('[data-testid="village-station-dialog"]')
    await page.locator('[data-testid="village-station"]').click()
    await station.waitFor()
    await station.locator('[data-testid="station-assistant"]').click()
    const option = page.locator(`[data-testid="station-assistant-${assistant.id}"]`).filter({ visible: true }).first()
    await option.waitFor()
    const name = new RegExp(assistant.display_name || assistant.username)
    assert.match(await option.innerText(), name)
    await option.click()
    // On a busy machine the list may still be opening when clicked: the save waits until the
    // field shows the choice.
    const picked = station.locator('[data-testid="station-assistant"]')
    for (let i = 0; i < 50 && !name.test(await picked.innerText()); i++) {
      if (await option.isVisible()) await option.click()
      await page.waitForTimeout(100)
    }
    assert.match(await picked.innerText(), name, 'the chosen assistant is not shown in the field')
    await station.locator('.el-dialog__title').click()
    if (!before.hours) await field(page, 'station-hours').fill('周一至周五 9:00-17:00')
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/v1/network/stations/${village.id}`)
    await page.locator('[data-testid="village-station-save"]').click()
    assert.equal((await saved).status(), 200)
    await station.waitFor({ state: 'hidden' })
    assert.equal((await apiGet(page, `/network/stations/${village.id}`)).body.assistant_user_id, assistant.id)

    // A party member's account is no station assistant: refused on the field, nothing changed.
    const member = (await call(await apiLogin(MEMBER), 'GET', '/auth/me')).body.user
    const refused = await call(adminToken, 'PUT', `/network/stations/${village.id}`, { place: before.place, hours: before.hours || '周一至周五 9:00-17:00', phone: before.phone, assistant_user_id: member.id })
    assert.equal(refused.status, 400, JSON.stringify(refused.body))
    assert.ok(JSON.stringify(refused.body).includes('station.assistant_not_eligible'), JSON.stringify(refused.body))
    assert.equal((await apiGet(page, `/network/stations/${village.id}`)).body.assistant_user_id, assistant.id)
    await page.context().close()
  })
})
