// The editable catalogue (诉求分类) and its routing, driven through the settings page: an
// administrator adds a category with keywords and a default unit; the window desk suggests it
// from a matter's text; dispatch without a unit goes to the default unit; a routing rule added on
// the page sends the category elsewhere, and deleting the rule sends it back; a category switched
// off is no longer suggested.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import {
  ADMIN, CLERK, ok, list, civilAffairs, pickOption, clerkHousehold, acceptMatter,
} from './matters-helpers.mjs'

describe('matters: the catalogue, category suggestions and routing rules', { timeout: 240000 }, () => {
  let browser
  const stamp = Date.now().toString(36)
  const name = `窨井盖维修${stamp}`
  const keyword = `窨井盖${stamp}`
  before(async () => {
    if (!process.env.MINQING_URL) return
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  // The unit a fresh matter of `categoryId` is dispatched to when the clerk names none.
  async function routedUnit(categoryId, hh) {
    const m = await acceptMatter({ household_id: hh.id, category_id: categoryId, content: `${keyword} 路由测试` })
    await ok(CLERK, 'POST', `/matters/${m.id}/dispatch`, {})
    return (await ok(ADMIN, 'GET', `/matters/${m.id}`)).matter.unit_id
  }

  it('adds a category, suggests it at the window, routes by default unit and by rule', async () => {
    requireServer()
    const civil = await civilAffairs()
    const other = list(await ok(ADMIN, 'GET', '/units')).find((u) => u.id !== civil.id)
    assert.ok(other, 'no second unit for the routing rule')
    const hh = await clerkHousehold()

    const admin = await newPage(browser)
    await login(admin, ADMIN)
    await admin.goto('/settings/categories')
    await admin.locator('[data-testid="category-new"]').click()
    await field(admin, 'category-name').fill(name)
    await field(admin, 'category-keywords').fill(`${keyword} 窨井`)
    await pickOption(admin, 'category-unit', `category-unit-opt-${civil.id}`)
    await admin.locator('[data-testid="category-save"]').filter({ visible: true }).click()
    await admin.locator('[data-testid="category-table"]').getByText(name).waitFor()
    const created = list(await ok(ADMIN, 'GET', '/categories')).find((c) => c.name === name)
    assert.ok(created, 'the new category is not in the catalogue')
    assert.equal(created.default_unit_id, civil.id)
    assert.match(created.keywords, new RegExp(keyword))
    await shot(admin, 'catalogue-created')

    // The window desk suggests it from the text and takes it with one click.
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/window')
    await clerk.locator('textarea[data-testid="matter-content"], [data-testid="matter-content"] textarea').first().fill(`村口的${keyword}松动了，夜里走路危险`)
    const suggestion = clerk.locator(`[data-testid="suggest-${created.id}"]`)
    await suggestion.waitFor()
    await suggestion.click()
    await clerk.locator(`[data-testid="suggest-${created.id}"].is-checked`).waitFor()
    await shot(clerk, 'catalogue-suggested')

    // No rule yet: the category's default unit.
    assert.equal(await routedUnit(created.id, hh), civil.id)

    // A county-wide rule added on the page wins over the default unit.
    await pickOption(admin, 'rule-category', `cat-${created.id}`)
    await pickOption(admin, 'rule-unit', `rule-unit-opt-${other.id}`)
    await admin.locator('[data-testid="rule-add"]').click()
    const rulesTable = admin.locator('[data-testid="rules-table"]')
    await rulesTable.getByText(name).waitFor()
    await rulesTable.locator('tr', { hasText: name }).getByText('全部区域').waitFor()
    const rule = list(await ok(ADMIN, 'GET', '/routing-rules')).find((r) => r.category_id === created.id)
    assert.ok(rule, 'the rule was not stored')
    assert.equal(rule.unit_id, other.id)
    assert.equal(await routedUnit(created.id, hh), other.id)
    await shot(admin, 'catalogue-rule')

    // Deleting the rule on the page: back to the default unit.
    await rulesTable.locator('tr', { hasText: name }).getByRole('button').click()
    await rulesTable.getByText(name).waitFor({ state: 'detached' })
    assert.equal(await routedUnit(created.id, hh), civil.id)

    // Switched off: kept for old matters, no longer suggested.
    await admin.locator('[data-testid="category-table"] tr', { hasText: name }).getByRole('button').click()
    await admin.locator('.el-dialog .el-switch').filter({ visible: true }).click()
    await admin.locator('[data-testid="category-save"]').filter({ visible: true }).click()
    await admin.locator('[data-testid="category-table"] tr', { hasText: name }).getByText('否').waitFor()
    const preview = await ok(CLERK, 'GET', `/matters/intake-preview?text=${encodeURIComponent(keyword)}`)
    assert.ok(!preview.suggested_categories.some((c) => c.id === created.id), 'an inactive category is still suggested')
  })
})
