// Issue 13, part "network": the village assistant writes diary entries in the UI (desktop 民情日记
// page and the phone view), the coverage page's percentages never round up to 100% and name the
// region of every uncovered household, and the diary's visitor filter finds a member by name.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ASSISTANT, ADMIN, requireServer, launch, newPage, login, field } from './helpers.mjs'
import { MEMBER, apiLogin, call, itemsOf, area, pickHousehold } from './network-helpers.mjs'

const COUNT = /^\d{1,3}(,\d{3})*$/
const PERCENT = /^\d{1,3}\.\d%$/

async function phonePage(browser) {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

// A household of the assistant's village with a head of household, a different one per call.
async function assistantHousehold(token, skip = 0) {
  const res = await call(token, 'GET', '/households?page_size=50')
  assert.equal(res.status, 200, `GET /households: ${JSON.stringify(res.body)}`)
  const withHead = itemsOf(res.body).filter((h) => h.head_name && h.head_name.length >= 2)
  assert.ok(withHead.length > skip, 'the assistant sees households with a head')
  return withHead[skip]
}

// The assistant's own entries carrying `learned`.
async function entriesWith(token, userId, learned) {
  const res = await call(token, 'GET', `/visits?visitor=${userId}&page_size=50`)
  assert.equal(res.status, 200, `GET /visits: ${JSON.stringify(res.body)}`)
  return itemsOf(res.body).filter((v) => v.learned === learned)
}

describe('desk: network (issue 13 items 6, 9, 11)', { timeout: 240000 }, () => {
  let browser
  let adminToken
  let assistantToken
  let assistantMe
  before(async () => {
    if (!BASE) return
    browser = await launch()
    adminToken = await apiLogin(ADMIN)
    assistantToken = await apiLogin(ASSISTANT)
    assistantMe = (await call(assistantToken, 'GET', '/auth/me')).body.user
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('item 6: the village assistant writes a diary entry on the 民情日记 page (1400 px)', async () => {
    requireServer()
    const h = await assistantHousehold(assistantToken, 0)
    const learned = `村助理桌面走访 ${Date.now()}`
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto('/diary')
    await page.locator('[data-testid="diary-table"]').waitFor()
    await page.locator('[data-testid="diary-write"]').click()
    await pickHousehold(page, h)
    // Whose entry it is: the signed-in assistant's own.
    const who = page.locator('[data-testid="visit-recorded-by"]')
    await who.waitFor()
    assert.match(await who.innerText(), new RegExp(assistantMe.display_name || assistantMe.username))
    await area(page, 'visit-learned').fill(learned)
    await page.locator('[data-testid="visit-save"]').click()
    await page.locator('[data-testid="visit-saved"]').waitFor()
    const saved = await entriesWith(assistantToken, assistantMe.id, learned)
    assert.equal(saved.length, 1, 'the entry is in the diary under the assistant')
    assert.equal(saved[0].household_id, h.id)
    // The diary page lists it.
    await page.locator('[data-testid="visit-confirm-later"]').click()
    await page.locator(`[data-testid="diary-row-${saved[0].id}"]`).waitFor()
    await page.context().close()
  })

  it('item 6: the village assistant writes a diary entry on a 375 px phone', async () => {
    requireServer()
    const h = await assistantHousehold(assistantToken, 1)
    const learned = `村助理手机走访 ${Date.now()}`
    const page = await phonePage(browser)
    await login(page, ASSISTANT)
    // The phone view: a menu entry leads there.
    await page.locator('[data-testid="nav-open"]').click()
    await page.locator('[data-testid="nav-mobile-diary"]').click()
    await page.waitForURL((u) => u.pathname === '/m')
    await field(page, 'm-search').fill(h.head_name)
    await page.locator(`[data-testid="m-household-${h.id}"]`).click()
    await page.locator('[data-testid="m-log-visit"]').click()
    assert.match(await page.locator('[data-testid="visit-recorded-by"]').innerText(), new RegExp(assistantMe.display_name || assistantMe.username))
    await area(page, 'visit-learned').fill(learned)
    await page.locator('[data-testid="visit-save"]').click()
    await page.locator('[data-testid="visit-saved"]').waitFor()
    const saved = await entriesWith(assistantToken, assistantMe.id, learned)
    assert.equal(saved.length, 1, 'the entry is in the diary under the assistant')
    assert.equal(saved[0].household_id, h.id)
    await page.locator('[data-testid="visit-confirm-later"]').click()
    await page.locator('[data-testid="m-tab-visits"]').click()
    await page.locator(`[data-testid="m-visit-${saved[0].id}"]`).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no horizontal scroll on the phone view (${overflow} px too wide)`)
    await page.context().close()
  })

  it('item 9: coverage never rounds up to 100%, names the region of every uncovered household, one number format', async () => {
    requireServer()
    let coverage = await call(adminToken, 'GET', '/network/coverage')
    assert.equal(coverage.status, 200, JSON.stringify(coverage.body))
    if (!coverage.body.uncovered.total) {
      // A county with everything covered: add one household nobody looks after.
      const made = await call(adminToken, 'POST', '/households', { region_id: assistantMe.scope_region_id, address: `未联系户 ${Date.now()}` })
      assert.equal(made.status, 201, JSON.stringify(made.body))
      coverage = await call(adminToken, 'GET', '/network/coverage')
    }
    const region = coverage.body.region
    assert.ok(region.households_covered < region.households, 'some household is uncovered')
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/network/coverage')
    await page.locator('[data-testid="coverage-table"] .el-table__row').first().waitFor()

    const statText = async (testid) => (await page.locator(`[data-testid="${testid}"] .el-statistic__content`).innerText()).replace(/\s+/g, '')
    const share = await statText('coverage-covered-share')
    assert.match(share, PERCENT, `covered share "${share}"`)
    assert.ok(parseFloat(share) < 100, `the county has uncovered households but reads ${share}`)
    assert.match(await statText('coverage-involved-share'), PERCENT)
    const covered = await statText('coverage-households-covered')
    assert.match(covered.split('/')[0], COUNT, `households covered "${covered}"`)

    // Every child region with an uncovered household reads below 100%.
    const partial = coverage.body.children.filter((r) => r.households_covered < r.households)
    assert.ok(partial.length >= 1)
    for (const r of partial) {
      const text = (await page.locator(`[data-testid="coverage-share-${r.region_id}"] .el-progress__text`).innerText()).trim()
      assert.match(text, PERCENT, `share of ${r.region_name}: "${text}"`)
      assert.ok(parseFloat(text) < 100, `${r.region_name}: ${r.households - r.households_covered} uncovered, reads ${text}`)
    }
    // Counts in the table: thousands separators like the figures above.
    const cells = await page.locator('[data-testid="coverage-table"] .el-table__row td:nth-child(2) .cell').allInnerTexts()
    for (const c of cells) assert.match(c.trim(), COUNT, `household count "${c}"`)
    const percents = await page.locator('[data-testid="coverage-table"] [data-testid^="coverage-share-"] .el-progress__text').allInnerTexts()
    for (const p of percents) assert.match(p.trim(), PERCENT, `percentage "${p}"`)

    // The uncovered households' region column is filled.
    const rows = page.locator('[data-testid="coverage-uncovered"] .el-table__body .el-table__row')
    await rows.first().waitFor()
    const regions = await page.locator('[data-testid="coverage-uncovered"] .el-table__body .el-table__row td:nth-child(2) .cell').allInnerTexts()
    assert.ok(regions.length >= 1)
    for (const name of regions) assert.ok(name.trim().length > 0, 'an uncovered household without its region')
    await page.context().close()
  })

  it('item 11: the diary filters by a visitor found by typing their name', async () => {
    requireServer()
    // A diary entry by the demo party member (the assistant's entries above are filtered out).
    const memberToken = await apiLogin(MEMBER)
    let my = await call(memberToken, 'GET', '/network/my')
    assert.equal(my.status, 200, `GET /network/my: ${JSON.stringify(my.body)}`)
    if (!(my.body.households || []).length) {
      const village = (await call(memberToken, 'GET', '/auth/me')).body.user.scope_region_id
      const plan = await call(adminToken, 'POST', `/network/villages/${village}/preview`, {})
      assert.equal(plan.status, 200, `preview: ${JSON.stringify(plan.body)}`)
      await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})
      my = await call(memberToken, 'GET', '/network/my')
    }
    const household = (my.body.households || [])[0]
    assert.ok(household, 'the member looks after a household')
    const logged = await call(memberToken, 'POST', '/visits', { household_id: household.id, learned: `党员走访 ${Date.now()}` })
    assert.equal(logged.status, 201, JSON.stringify(logged.body))
    const listed = itemsOf((await call(adminToken, 'GET', `/visits?visitor=${logged.body.visitor_user_id}&page_size=1`)).body)
    const member = listed[0]
    assert.ok(member && member.visitor_name && member.visitor_name.length >= 2, `the member has a name: ${JSON.stringify(member)}`)
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/diary')
    await page.locator('[data-testid="diary-table"]').waitFor()
    const select = page.locator('[data-testid="diary-visitor"]').first()
    await select.click()
    await page.keyboard.type(member.visitor_name)
    const option = page.locator(`[data-testid="diary-visitor-option-${member.visitor_user_id}"]`)
    await option.waitFor()
    await option.click()
    const answer = page.waitForResponse((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/v1/visits' && u.searchParams.get('visitor') === String(member.visitor_user_id) && u.searchParams.get('confirmed') === null
    })
    await page.locator('[data-testid="diary-search"]').click()
    const body = await (await answer).json()
    assert.ok(body.total >= 1)
    for (const v of body.items) assert.equal(v.visitor_user_id, member.visitor_user_id)
    await page.waitForFunction((name) => {
      const cells = [...document.querySelectorAll('[data-testid="diary-table"] .el-table__body .el-table__row td:nth-child(4) .cell')]
      return cells.length > 0 && cells.every((c) => c.textContent.trim() === name)
    }, member.visitor_name)
    await page.context().close()
  })
})
