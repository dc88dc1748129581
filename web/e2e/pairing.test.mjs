// Pairing (结对共建) in the browser, on the demo county: the administrator pairs a unit (made for
// this run, so reruns do not overlap) with the demo assistant's village, adds the village's need
// and the unit's resource on the pair's page, matches them (need 已对接, resource 已承诺), marks
// the match done, sees it counted in the yearly report, and the village's public needs list (no
// login) shows the need. A second pair of the same unit and village is refused with the message
// naming the first.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, ASSISTANT, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

describe('pairing', { timeout: 240000 }, () => {
  let browser
  let village
  let unitName
  let admin

  before(async () => {
    requireServer()
    browser = await launch()
    const assistant = await apiLogin(ASSISTANT)
    village = (await call(assistant, 'GET', '/auth/me')).body.user.scope_region_id
    admin = await apiLogin(ADMIN)
    unitName = `结对测试单位${Date.now() % 100000}`
    const made = await call(admin, 'POST', '/units', { name: unitName, kind: 'bureau' })
    assert.equal(made.status, 201, JSON.stringify(made.body))
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('pairs a unit with a village, matches a need to a resource, and publishes the needs', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/pairing?region_id=${village}`)
    await page.locator('[data-testid="pairing-page"]').waitFor()

    const createPair = async () => {
      await page.locator('[data-testid="pair-new"]').click()
      await chooseOption(page, page.locator('[data-testid="pair-unit"]'), unitName, unitName)
      await field(page, 'pair-from').fill('2020-01-01')
      await page.locator('[data-testid="pair-save"]').click()
    }
    await createPair()
    await page.locator('[data-testid="pair-save"]').waitFor({ state: 'hidden' })
    const pair = itemsOf((await call(admin, 'GET', `/pairing/pairs?region_id=${village}`)).body).find((p) => p.unit_name === unitName)
    assert.ok(pair, 'the pair is listed')

    // The same unit and village again, overlapping: refused, naming the first pair.
    await createPair()
    const refusal = page.locator('[data-testid="pair-error"]')
    await refusal.waitFor()
    assert.match(await refusal.textContent(), new RegExp(String(pair.id)))
    await shot(page, 'pairing-overlap')
    await page.keyboard.press('Escape')

    await page.goto(`/pairing/${pair.id}`)
    await page.locator('[data-testid="pair-title"]').waitFor()
    await field(page, 'need-title').fill('修通组道')
    await field(page, 'need-detail').fill('两公里水泥路')
    await page.locator('[data-testid="need-add"]').click()
    await page.locator('[data-testid="needs-table"]', { hasText: '修通组道' }).waitFor()
    await field(page, 'resource-description').fill('帮扶资金五万元')
    await page.locator('[data-testid="resource-add"]').click()
    await page.locator('[data-testid="resources-table"]', { hasText: '帮扶资金五万元' }).waitFor()

    await chooseOption(page, page.locator('[data-testid="match-need"]'), '修通组道')
    await chooseOption(page, page.locator('[data-testid="match-resource"]'), '帮扶资金五万元')
    await page.locator('[data-testid="match-save"]').click()
    await page.locator('[data-testid="needs-table"]', { hasText: '已对接' }).waitFor()
    await page.locator('[data-testid="resources-table"]', { hasText: '已承诺' }).waitFor()
    await shot(page, 'pairing-matched')

    const detail = (await call(admin, 'GET', `/pairing/pairs/${pair.id}`)).body
    assert.equal(detail.matches.length, 1)
    await page.locator(`[data-testid="match-done-${detail.matches[0].id}"]`).click()
    await page.locator('[data-testid="needs-table"]', { hasText: '已解决' }).waitFor()
    await page.locator('[data-testid="report-met"]', { hasText: '1' }).waitFor()

    // The public needs list, without signing in.
    const pub = await newPage(browser)
    await pub.goto(`/needs/${village}`)
    await pub.locator('[data-testid="public-need"]', { hasText: '修通组道' }).waitFor()
    assert.match(await pub.locator('[data-testid="public-needs"]').textContent(), new RegExp(unitName))
    await shot(pub, 'pairing-public-needs')
  })
})
