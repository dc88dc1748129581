import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
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

  it('admin exports a township roster and imports a checked file, skipping the household with a problem', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    const county = (await apiGet(page, '/regions')).body.items[0]
    const township = (await apiGet(page, `/regions?parent_id=${county.id}`)).body.items[0]
    const village = (await apiGet(page, `/regions?parent_id=${township.id}`)).body.items[0]
    await page.goto('/households')
    // Clicking a node selects it; its arrow opens it.
    await page.locator('.el-tree-node__content', { has: page.locator(`[data-testid="region-node-${county.id}"]`) })
      .locator('.el-tree-node__expand-icon').click()
    await page.locator(`[data-testid="region-node-${township.id}"]`).click()
    await page.locator('[data-testid="region-filter"]', { hasText: township.name }).waitFor()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="roster-export"]').click(),
    ])
    assert.match(file.suggestedFilename(), /^花名册-\d{8}\.xlsx$/)
    assert.equal(fs.readFileSync(await file.path()).subarray(0, 2).toString(), 'PK')

    // One valid new household and one whose ID number has a wrong check digit.
    const stamp = Date.now().toString(36)
    const serial = 100 + (Date.now() % 900)
    const address = `${village.name}导入测试${stamp}号`
    // The optional voter-flag columns (村两委, 村民代表): 是 sets a flag, 也许 is a problem on its column.
    const csv = ['户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系,村两委,村民代表',
      `IMP-${stamp}-1,${village.code},${address},,导入甲,,,${idCard('110105', '19880808', serial)},13700001111,户主,是,否`,
      `IMP-${stamp}-2,${village.code},${village.name}导入乙${stamp}号,,导入乙,,,110105198808080000,13700002222,户主,,也许`].join('\r\n')
    await page.locator('[data-testid="roster-import"]').click()
    const dialog = page.locator('[data-testid="roster-import-dialog"]')
    await dialog.locator('[data-testid="roster-file"]').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await dialog.locator('[data-testid="roster-check"]').click()
    await dialog.locator('[data-testid="roster-summary"]', { hasText: '共 2 行，其中有错误 1 行' }).waitFor()
    const problems = dialog.locator('[data-testid="roster-problems"]')
    await problems.locator('.el-table__row', { hasText: '身份证号' }).filter({ hasText: '3' }).waitFor()
    await problems.locator('.el-table__row', { hasText: '村民代表' }).filter({ hasText: '3' }).waitFor()
    await shot(page, 'roster-check')
    await dialog.locator('[data-testid="roster-import-valid"]').click()
    await dialog.locator('[data-testid="roster-summary"]', { hasText: '已导入：新户 1' }).waitFor()
    const found = await apiGet(page, `/households?q=${encodeURIComponent(address)}`)
    assert.equal(found.body.total, 1, JSON.stringify(found.body))
    const imported = (await apiGet(page, `/households/${found.body.items[0].id}`)).body
    const member = imported.members[0]
    assert.equal(member.village_committee, true, JSON.stringify(member))
    assert.equal(member.villager_rep, false, JSON.stringify(member))
    assert.equal((await apiGet(page, `/households?q=${encodeURIComponent(`导入乙${stamp}`)}`)).body.total, 0)
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

    // A change made with a request id of our own: the audit page finds its entry by that id and
    // shows the id in the row.
    const requestId = `e2e-audit-${Date.now()}`
    const csrf = (await apiGet(page, '/auth/me')).body.csrf_token
    const some = (await apiGet(page, '/households?page_size=1')).body.items[0]
    const household = (await apiGet(page, `/households/${some.id}`)).body.household
    const patched = await page.request.patch(`${BASE}/api/v1/households/${household.id}`, {
      headers: { 'X-CSRF-Token': csrf, 'X-Request-Id': requestId },
      data: { region_id: household.region_id, number: household.number, address: household.address, tags: household.tags || [], lat: household.lat, lng: household.lng },
    })
    assert.equal(patched.status(), 200, await patched.text())
    assert.equal(patched.headers()['x-request-id'], requestId)
    await field(page, 'audit-request-id').fill(requestId)
    await page.locator('[data-testid="audit-search"]').click()
    const cell = audit.locator('[data-testid="audit-row-request-id"]', { hasText: requestId })
    await cell.first().waitFor()
    assert.equal(await audit.locator('.el-table__row').count(), 1)
    assert.ok((await audit.innerText()).includes('household.update'))
    assert.ok((await audit.innerText()).includes('请求编号'), 'the request id column has no Chinese heading')
    await shot(page, 'audit-request-id')

    // A reload keeps the session (GET /auth/me restores the user and CSRF token).
    await page.reload()
    await page.locator('[data-testid="audit-table"]').waitFor()
    assert.ok((await page.locator('[data-testid="current-user"]').innerText()).trim().length > 0)
    await page.context().close()
  })
})

// An ID-card number with its GB 11643 check character.
function idCard(region6, birth, sequence) {
  const body = `${region6}${birth}${String(sequence).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}
