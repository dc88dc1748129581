// Visits the household really confirms, tried from the party member's side: a member on a phone
// logs a visit, downloads the household's contact card and reads its code, and tries to confirm
// the visit with it in their own view and on the household's public page (/h/<code>). Both fail:
// the card is in the member's hands and proves nothing. The household then confirms with the
// one-time code sent to the head of household's phone, and the diary shows the visit confirmed
// with that channel.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, ADMIN, ASSISTANT, RESULTS, requireServer, launch, newPage, shot, field } from './helpers.mjs'
import { MEMBER, apiLogin, call, itemsOf, smsCode, area, mobilePage, uiLogin } from './network-helpers.mjs'

// The card code as the member reads it off the card PDF they downloaded (pdftotext, from
// poppler-utils); the admin's village tree carries the same code where pdftotext is missing.
async function readCardCode(pdfPath, adminToken, villageId, householdId) {
  try {
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
    const tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
    for (const g of tree.body.groups || []) {
      for (const m of g.members || []) {
        for (const h of m.households || []) {
          if (h.household_id === householdId && text.includes(h.card_code)) return h.card_code
        }
      }
    }
    assert.fail(`the card PDF does not show the household's card code:\n${text}`)
  } catch (e) {
    if (e.code !== 'ENOENT') throw e
  }
  const tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  for (const g of tree.body.groups || []) {
    for (const m of g.members || []) {
      for (const h of m.households || []) if (h.household_id === householdId && h.card_code) return h.card_code
    }
  }
  assert.fail(`household ${householdId} has no card code`)
}

describe('a visit counts only when the household confirms it', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the member cannot confirm with the card code; the household confirms with its SMS code', async () => {
    requireServer()
    const adminToken = await apiLogin(ADMIN)
    const memberToken = await apiLogin(MEMBER)
    const me = await call(memberToken, 'GET', '/auth/me')
    const villageId = me.body.user.scope_region_id
    let my = await call(memberToken, 'GET', '/network/my')
    if (!(my.body.households || []).length) {
      const plan = await call(adminToken, 'POST', `/network/villages/${villageId}/preview`, {})
      assert.equal(plan.status, 200, `preview: ${JSON.stringify(plan.body)}`)
      assert.equal((await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})).status, 200)
      my = await call(memberToken, 'GET', '/network/my')
    }
    const households = my.body.households || []
    assert.ok(households.length > 0, 'the member looks after no household')
    // A household with a phone on record, so that a code can reach it.
    let target = null
    for (const h of [...households].reverse()) {
      const detail = await call(adminToken, 'GET', `/households/${h.id}`)
      if ((detail.body.members || []).some((r) => r.phone_masked)) { target = h; break }
    }
    assert.ok(target, 'none of the member\'s households has a phone on record')

    // The member on a phone logs the visit.
    const phone = await mobilePage(browser)
    await uiLogin(phone, MEMBER)
    await phone.waitForURL((u) => u.pathname === '/m')
    await phone.locator(`[data-testid="m-household-${target.id}"]`).click()
    await phone.locator('[data-testid="m-log-visit"]').click()
    await phone.locator('[data-testid="visit-kind-routine"]').click()
    await area(phone, 'visit-learned').fill('询问了今年的医保缴费和孩子上学情况。')
    const saved = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/visits' && r.request().method() === 'POST')
    await phone.locator('[data-testid="visit-save"]').click()
    const savedRes = await saved
    assert.equal(savedRes.status(), 201, `POST /visits: ${await savedRes.text()}`)
    const visitId = (await savedRes.json()).id
    await phone.locator('[data-testid="visit-proof-hint"]').waitFor()

    // The member downloads the household's card from their own view and reads its code.
    const card = await phone.request.get(`${BASE}/api/v1/households/${target.id}/card.pdf`)
    assert.equal(card.status(), 200, 'the member can download the card of a household they carry')
    fs.mkdirSync(RESULTS, { recursive: true })
    const pdfPath = path.join(RESULTS, 'visit-trust-card.pdf')
    fs.writeFileSync(pdfPath, await card.body())
    const code = await readCardCode(pdfPath, adminToken, villageId, target.id)

    // 1. In the member's own view: the card code typed into the code box does not confirm.
    await field(phone, 'visit-phone-code').fill(code)
    await phone.locator('[data-testid="visit-phone-confirm"]').click()
    await phone.locator('[data-testid="visit-confirm-error"]').waitFor()
    await shot(phone, 'visit-trust-member-card-code-refused')
    // ... nor sent as a card code to the API with the member's login.
    const direct = await call(memberToken, 'POST', `/visits/${visitId}/confirm`, { card_code: code })
    assert.equal(direct.status, 403, JSON.stringify(direct.body))
    assert.equal(direct.body.error.code, 'visit.proof_required')
    assert.match(direct.body.error.message, /验证码|账号/)

    // 2. On the household's public page, opened by the member with the card code.
    await phone.goto(`/h/${code}`)
    const row = phone.locator(`[data-testid="household-public-visit-${visitId}"]`)
    await row.waitFor()
    await field(phone, `household-public-code-${visitId}`).fill(code)
    await phone.locator(`[data-testid="household-public-confirm-${visitId}"]`).click()
    const refused = phone.locator('[data-testid="household-public-confirm-msg"]')
    await refused.waitFor()
    assert.doesNotMatch(await refused.innerText(), /户主已确认/)
    await shot(phone, 'visit-trust-public-card-code-refused')
    const onPage = await call(null, 'POST', '/public/visits/confirm', { card_code: code, visit_id: visitId })
    assert.equal(onPage.status, 403, JSON.stringify(onPage.body))
    assert.equal(onPage.body.error.code, 'visit.proof_required')
    let stored = await call(adminToken, 'GET', `/visits/${visitId}`)
    assert.equal(stored.body.confirmed, false, 'the member confirmed their own visit')
    await phone.context().close()

    // The household, on its own public page: the code goes to the head of household's phone.
    const home = await mobilePage(browser)
    await home.goto(`/h/${code}`)
    await home.locator(`[data-testid="household-public-visit-${visitId}"]`).waitFor()
    const sent = home.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/visits/phone-code')
    await home.locator(`[data-testid="household-public-send-${visitId}"]`).click()
    assert.equal((await sent).status(), 200)
    await field(home, `household-public-code-${visitId}`).fill(await smsCode(adminToken))
    await home.locator(`[data-testid="household-public-confirm-${visitId}"]`).click()
    await home.locator('[data-testid="household-public-confirm-msg"]').getByText('户主已确认').waitFor()
    await home.locator(`[data-testid="household-public-visit-${visitId}"]`).waitFor({ state: 'detached' })
    await shot(home, 'visit-trust-household-confirmed')
    await home.context().close()
    stored = await call(adminToken, 'GET', `/visits/${visitId}`)
    assert.equal(stored.body.confirmed, true)
    assert.equal(stored.body.confirmed_via, 'phone_code')

    // The diary shows it confirmed, with its channel in Chinese: the member's phone view ...
    const again = await mobilePage(browser)
    await uiLogin(again, MEMBER)
    await again.waitForURL((u) => u.pathname === '/m')
    await again.locator('[data-testid="m-tab-visits"]').click()
    await again.locator(`[data-testid="m-visit-state-${visitId}"]`).getByText('户主已确认').waitFor()
    assert.match(await again.locator(`[data-testid="m-visit-channel-${visitId}"]`).innerText(), /户主手机验证码/)
    await shot(again, 'visit-trust-member-diary')
    await again.context().close()
    // ... and the village's diary page, with confirmed and unconfirmed counted apart.
    const desk = await newPage(browser)
    await uiLogin(desk, ASSISTANT)
    await desk.goto('/diary')
    await desk.locator(`[data-testid="diary-row-${visitId}"]`).waitFor()
    assert.match(await desk.locator(`[data-testid="diary-channel-${visitId}"]`).innerText(), /户主手机验证码/)
    assert.ok(Number(await desk.locator('[data-testid="diary-count-confirmed"]').innerText()) >= 1)
    await shot(desk, 'visit-trust-diary')
    await desk.context().close()
  })
})
