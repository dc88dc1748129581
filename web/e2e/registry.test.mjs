import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ASSISTANT, ADMIN, FOREIGN_HOUSEHOLD_ID, requireServer, launch, newPage, login, shot, field, apiGet, initials } from './helpers.mjs'

describe('minqing web UI', { timeout: 180000 }, () => {
  let browser

  before(async () => {
    if (BASE) browser = await launch()
  })

  it('is given the server URL in MINQING_URL', () => {
    requireServer()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('shows the API error message on a failed login', async () => {
    requireServer()
    const page = await newPage(browser)
    await page.goto('/login')
    await field(page, 'login-username').fill('e2e-no-such-user')
    await field(page, 'login-password').fill('wrong-password')
    await page.locator('[data-testid="login-submit"]').click()
    const alert = page.locator('[data-testid="login-error"]')
    await alert.waitFor()
    const text = (await alert.innerText()).trim()
    assert.ok(text.length > 0, 'login error message is empty')
    assert.match(text, /[\u4e00-\u9fff]/, `expected a Chinese error message, got: ${text}`)
    await page.context().close()
  })

  it('village assistant finds a household by pinyin initials and opens it; another village is refused', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ASSISTANT, 'login')

    // Pick a real household of the assistant's own village through the API, same session.
    const list = await apiGet(page, '/households?page_size=1')
    assert.equal(list.status, 200, `GET /households: ${JSON.stringify(list.body)}`)
    assert.ok(list.body.items && list.body.items.length > 0, 'the assistant sees no household at all')
    const hid = list.body.items[0].id
    const detail = await apiGet(page, `/households/${hid}`)
    assert.equal(detail.status, 200, `GET /households/${hid}: ${JSON.stringify(detail.body)}`)
    const members = detail.body.members || []
    assert.ok(members.length > 0, `household ${hid} has no members`)
    const headName = list.body.items[0].head_name
    const head = members.find((m) => m.name === headName) || members.find((m) => m.relation === '户主') || members[0]
    const typed = initials(head.pinyin)
    assert.ok(typed.length >= 2, `cannot derive pinyin initials from ${JSON.stringify(head.pinyin)} (${head.name})`)

    await page.goto('/households')
    await page.locator('[data-testid="household-table"]').waitFor()
    // Wait for the look-up's own response: the unfiltered first page may already hold the row.
    const lookedUp = page.waitForResponse((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/v1/households' && u.searchParams.get('q') === typed
    })
    await field(page, 'lookup-input').fill(typed)
    const lookupRes = await lookedUp
    assert.equal(lookupRes.status(), 200, `look-up ${typed} failed`)
    const row = page.locator(`[data-testid="household-row-${hid}"]`)
    await row.waitFor()
    await shot(page, 'household-list')

    await row.click()
    await page.waitForURL(new RegExp(`/households/${hid}$`))
    const address = page.locator('[data-testid="household-address"]')
    await address.waitFor()
    assert.equal((await address.innerText()).trim(), String(detail.body.household.address).trim())
    const table = page.locator('[data-testid="member-table"]')
    for (const m of members) {
      await table.locator(`[data-testid="member-name-${m.id}"]`).waitFor()
    }
    const tableText = await table.innerText()
    for (const m of members) assert.ok(tableText.includes(m.name), `member ${m.name} not shown`)
    // Masked numbers only until "显示" is pressed.
    if (members[0].id_card_masked) assert.ok(tableText.includes(members[0].id_card_masked))
    await shot(page, 'household-page')

    // A household of another village.
    assert.ok(FOREIGN_HOUSEHOLD_ID, 'MINQING_FOREIGN_HOUSEHOLD_ID is not set: give a household id outside the assistant\'s village')
    await page.goto(`/households/${FOREIGN_HOUSEHOLD_ID}`)
    const forbidden = page.locator('[data-testid="forbidden"]')
    await forbidden.waitFor()
    assert.match(await forbidden.innerText(), /无权查看该户/)
    assert.equal(await page.locator('[data-testid="member-table"]').count(), 0, 'member table rendered for a foreign household')
    await shot(page, 'forbidden')

    const direct = await apiGet(page, `/households/${FOREIGN_HOUSEHOLD_ID}`)
    assert.equal(direct.status, 403, `expected 403, got ${direct.status}: ${JSON.stringify(direct.body)}`)
    assert.equal(direct.body && direct.body.error && direct.body.error.code, 'auth.forbidden')

    // The assistant has no users page in the side navigation.
    assert.equal(await page.locator('[data-testid="nav-users"]').count(), 0)
    await page.context().close()
  })

  it('admin loads the users page and the audit page', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.locator('[data-testid="nav-users"]').click()
    await page.waitForURL(/\/users$/)
    const users = page.locator('[data-testid="user-table"]')
    await users.waitFor()
    await users.locator('.el-table__row').first().waitFor()
    assert.ok((await users.innerText()).includes(ADMIN.user), 'admin not listed on the users page')
    await shot(page, 'users')

    await page.locator('[data-testid="nav-audit"]').click()
    await page.waitForURL(/\/audit$/)
    const audit = page.locator('[data-testid="audit-table"]')
    await audit.waitFor()
    // The logins and the look-ups above leave at least one entry.
    await audit.locator('.el-table__row').first().waitFor()
    await shot(page, 'audit')

    // A reload keeps the session (GET /auth/me restores the user and CSRF token).
    await page.reload()
    await page.locator('[data-testid="audit-table"]').waitFor()
    assert.ok((await page.locator('[data-testid="current-user"]').innerText()).trim().length > 0)
    await page.context().close()
  })
})
