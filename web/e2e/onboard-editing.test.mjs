// Editing in the browser as a county administrator would on the first days: a household's tags
// (低保, 残疾... change every year) and a party member's capacity, each saved through the page's
// dialog, shown on the page, and recorded in the audit log with before and after.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, BASE, requireServer, launch, newPage, login, shot, apiGet } from './helpers.mjs'

const CANDIDATE_TAGS = ['残疾', '独居老人', '监测户', '军属']

// The newest audit entry of an object.
async function latestAudit(page, entity, id) {
  const r = await apiGet(page, `/audit?entity=${entity}&entity_id=${id}&page_size=5`)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.items && r.body.items.length, `no audit entry for ${entity} ${id}`)
  return r.body.items[0]
}

describe('editing in the browser', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('an administrator adds a tag to a household; the page and the audit log show it', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    const list = await apiGet(page, '/households?page_size=1')
    assert.equal(list.status, 200)
    const hid = list.body.items[0].id
    const before = (await apiGet(page, `/households/${hid}`)).body.household
    const tag = CANDIDATE_TAGS.find((t) => !(before.tags || []).includes(t))

    await page.goto(`/households/${hid}`)
    await page.locator('[data-testid="edit-household"]').click()
    const dialog = page.locator('[data-testid="household-dialog"]')
    await page.locator('[data-testid="household-tags-input"]').first().click()
    const option = page.locator(`[data-testid="tag-option-${tag}"]`).filter({ visible: true }).first()
    await option.waitFor()
    await option.click()
    // Close the dropdown (it stays open in a multiple select) before the dialog's buttons.
    await dialog.locator('.el-dialog__title').click()
    await shot(page, 'onboard-editing-household-dialog')
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `/api/v1/households/${hid}`)
    await page.locator('[data-testid="household-save"]').click()
    assert.equal((await saved).status(), 200)
    await page.locator('[data-testid="household-tags"]', { hasText: tag }).waitFor()
    await shot(page, 'onboard-editing-household-saved')

    const entry = await latestAudit(page, 'household', hid)
    assert.equal(entry.action, 'household.update')
    assert.equal(entry.username, ADMIN.user)
    assert.ok(!String(entry.before.tags).includes(tag), `before: ${JSON.stringify(entry.before)}`)
    assert.ok(String(entry.after.tags).includes(tag), `after: ${JSON.stringify(entry.after)}`)

    // The audit screen lists it, before and after side by side.
    await page.goto('/audit')
    await page.locator('[data-testid="audit-entity-id"] input, input[data-testid="audit-entity-id"]').first().fill(String(hid))
    await page.locator('[data-testid="audit-search"]').click()
    await page.locator('[data-testid="audit-table"] .el-table__row', { hasText: 'household.update' }).first().waitFor()
    await page.locator('[data-testid="audit-table"] .el-table__row', { hasText: 'household.update' }).first().locator('.el-table__expand-icon').click()
    await page.locator('[data-testid="audit-table"] pre.json', { hasText: tag }).first().waitFor()
    await shot(page, 'onboard-editing-audit')
    await page.context().close()
  })

  it("an administrator changes a party member's capacity on the party screen", async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/party')
    // The first member on the list who may take households: the capacity of one who may not is
    // disabled in the form.
    const rows = page.locator('[data-testid="party-member-table"] .el-table__row')
    await rows.first().waitFor()
    let first = null
    const drawer = page.locator('[data-testid="member-drawer"]')
    for (let i = 0; i < Math.min(await rows.count(), 20) && !first; i++) {
      // The open drawer's mask covers the table: close it before the next row is clicked.
      if (i > 0) {
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      }
      const [answer] = await Promise.all([
        page.waitForResponse((r) => /^\/api\/v1\/party\/members\/\d+$/.test(new URL(r.url()).pathname)),
        rows.nth(i).click(),
      ])
      const shown = await answer.json()
      const member = shown.member || shown
      if (member.can_take_households) first = member
    }
    assert.ok(first, 'no member on the first page may take households')
    const capacity = first.capacity === 7 ? 8 : 7
    await page.locator('[data-testid="edit-party-member"]').click()
    const input = page.locator('[data-testid="member-capacity"] input').first()
    await input.fill(String(capacity))
    await input.press('Tab')
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/v1/party/members/'))
    await page.locator('[data-testid="party-member-save"]').click()
    const answer = await saved
    assert.equal(answer.status(), 200, await answer.text())
    const body = await answer.json()
    assert.equal(body.capacity, capacity)
    assert.equal(body.id, first.id)
    await shot(page, 'onboard-editing-member-saved')

    const entry = await latestAudit(page, 'party_member', body.id)
    assert.equal(entry.action, 'party_member.update')
    assert.equal(entry.before.capacity, first.capacity)
    assert.equal(entry.after.capacity, capacity)
    await page.context().close()
  })
})
