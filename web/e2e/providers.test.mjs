// Service providers (服务商) in the browser, on the demo county: the administrator registers a new
// company (named for this run) as a provider serving a category in the whole county; the clerk
// dispatches a matter to it on the matter page (the option is marked 服务商); the provider's staff
// account (a handler of its unit) signs for it and replies; the resident's word is taken by a
// callback (回访) from the service centre, 5 stars; the provider's page shows the rating. The
// administrator suspends it with a reason: its page says 已暂停, the dispatch choice shows it disabled, and a dispatch through the
// API is refused (provider.suspended). The public list (no login) no longer names it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { CLERK, ok, call, list, civilCategory, civilAffairs, clerkHousehold, pickOption } from './matters-helpers.mjs'

describe('providers', { timeout: 300000 }, () => {
  let browser
  let category
  let hh
  const stamp = Date.now() % 100000
  const name = `安居家电维修${stamp}`
  const staff = { user: `anju${stamp}`, password: 'Anju-pass-2026!' }

  before(async () => {
    requireServer()
    browser = await launch()
    category = await civilCategory((await civilAffairs()).id)
    hh = await clerkHousehold()
  })

  after(async () => {
    if (browser) await browser.close()
  })

  async function newMatter(content) {
    const r = await ok(CLERK, 'POST', '/matters', { type: 'help', channel: 'window', household_id: hh.id, category_id: category.id, content })
    return r
  }

  it('registers a provider, dispatches to it, shows its rating, suspends it', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/providers')
    await page.locator('[data-testid="providers-page"]').waitFor()
    await page.locator('[data-testid="provider-new"]').click()
    await field(page, 'provider-name').fill(name)
    await pickOption(page, 'provider-categories', `provider-category-${category.id}`)
    // The whole county: the first node of the region picker.
    await page.locator('[data-testid="provider-region"] .el-cascader').click()
    await page.locator('.el-cascader-node .el-radio').filter({ visible: true }).first().click()
    await page.keyboard.press('Escape')
    // The area's tag, not the category's: the region's name is fetched before the tag shows.
    await page.locator('[data-testid="provider-area"] .el-tag').first().waitFor()
    await page.locator('[data-testid="provider-commitments"] textarea, textarea[data-testid="provider-commitments"]').first().fill('接单后2小时内响应，上门费全免')
    await page.locator('[data-testid="provider-save"]').click()
    try {
      await page.locator('[data-testid="provider-title"]', { hasText: name }).waitFor()
    } catch (e) {
      await shot(page, 'providers-register-failed')
      throw new Error(`${e.message}\n${await page.locator('[data-testid="provider-dialog"]').innerText()}`)
    }
    const provider = list(await ok(ADMIN, 'GET', '/providers')).find((p) => p.name === name)
    assert.ok(provider, 'the provider is listed')
    assert.equal(provider.state, 'active')
    await shot(page, 'providers-registered')

    // Its staff account: a handler of its unit, as any unit's.
    await ok(ADMIN, 'POST', '/users', { username: staff.user, display_name: '安居员工', role: 'unit_handler', scope_unit_id: provider.unit_id, password: staff.password })

    // The clerk dispatches a matter to it on the matter page.
    const made = await newMatter(`热水器坏了，请上门维修 ${stamp}`)
    const clerkPage = await newPage(browser)
    await login(clerkPage, CLERK)
    await clerkPage.goto(`/matters/${made.matter.id}`)
    await clerkPage.locator('[data-testid="act-dispatch"]').click()
    const option = clerkPage.locator(`[data-testid="dispatch-unit-opt-${provider.unit_id}"]`)
    await pickOption(clerkPage, 'dispatch-unit', `dispatch-unit-opt-${provider.unit_id}`)
    assert.match(await option.textContent(), /服务商/)
    await clerkPage.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await clerkPage.locator('[data-testid="act-dispatch"]').waitFor({ state: 'hidden' })
    assert.equal((await ok(ADMIN, 'GET', `/matters/${made.matter.id}`)).matter.unit_id, provider.unit_id)

    // Its staff sign for it and reply, as any unit's handlers.
    await ok(staff, 'POST', `/matters/${made.matter.id}/accept`)
    await ok(staff, 'POST', `/matters/${made.matter.id}/reply`, { text: '已上门更换温控器' })

    // The resident's word, taken by a callback (回访) from the centre, which did not handle it: 5 stars.
    const number = made.receipt.number
    await ok(CLERK, 'POST', `/matters/${made.matter.id}/callback`, { solved: true, rating: 5, comment: '师傅很专业' })

    await page.reload()
    await page.locator('[data-testid="provider-rating-count"]', { hasText: '1' }).waitFor()
    assert.equal((await page.locator('[data-testid="provider-rating-average"]').textContent()).trim(), '5.0')
    await page.locator('[data-testid="provider-rated"]', { hasText: number }).waitFor()
    await shot(page, 'providers-rated')

    // Suspended with a reason.
    await page.locator('[data-testid="provider-suspend"]').click()
    await page.locator('.el-message-box input').fill('投诉较多，暂停整改')
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('[data-testid="provider-state"]', { hasText: '已暂停' }).waitFor()
    await page.locator('[data-testid="provider-suspended-reason"]', { hasText: '投诉较多' }).waitFor()
    await shot(page, 'providers-suspended')

    // The dispatch choice shows it disabled; the server refuses it anyway.
    const next = await newMatter(`洗衣机漏水 ${stamp}`)
    await clerkPage.goto(`/matters/${next.matter.id}`)
    await clerkPage.locator('[data-testid="act-dispatch"]').click()
    await clerkPage.locator('[data-testid="dispatch-unit"]').first().click()
    const disabled = clerkPage.locator(`[data-testid="dispatch-unit-opt-${provider.unit_id}"]`)
    await disabled.waitFor()
    // The option shows only once the providers' states are read: it is never offered enabled first.
    assert.match(await disabled.getAttribute('class'), /is-disabled/)
    assert.match(await disabled.textContent(), /已暂停/)
    await shot(clerkPage, 'providers-dispatch-disabled')
    const refused = await call(CLERK, 'POST', `/matters/${next.matter.id}/dispatch`, { unit_id: provider.unit_id })
    assert.equal(refused.status, 409)
    assert.equal(refused.body.error.code, 'provider.suspended')
    // The provider's staff cannot lift it.
    const lift = await call(staff, 'POST', `/providers/${provider.unit_id}/reinstate`, { reason: '已整改' })
    assert.equal(lift.status, 403)

    const pub = await newPage(browser)
    await pub.goto('/service-providers/all')
    await pub.locator('[data-testid="public-providers"]').waitFor()
    await pub.waitForLoadState('networkidle')
    assert.doesNotMatch(await pub.locator('[data-testid="public-providers"]').textContent(), new RegExp(name))
    await shot(pub, 'providers-public')
  })
})
