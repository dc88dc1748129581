// Postings (驻村干部) and agreements (目标责任书) in the browser: the administrator posts the demo
// village assistant to their village, an overlapping posting of the same role there is refused
// with the Chinese message naming the other posting, the assistant's agreement for this year is
// written and signed, and the village's public board (no login) shows the assistant with the
// signed agreement. A signed agreement is then refused any change.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, ASSISTANT, requireServer, launch, newPage, login, shot, chooseOption } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const daysAgo = (n) => new Date(Date.now() + 8 * 3600 * 1000 - n * 86400000).toISOString().slice(0, 10)

async function pickPerson(page, name) {
  await chooseOption(page, page.locator('[data-testid="posting-user"]'), name, name)
}

describe('postings and agreements', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('an administrator posts the assistant, signs the agreement, and the public board shows it', async () => {
    requireServer()
    const adminToken = await apiLogin(ADMIN)
    const assistantToken = await apiLogin(ASSISTANT)
    const me = (await call(assistantToken, 'GET', '/auth/me')).body.user
    const villageId = me.scope_region_id
    const name = me.display_name
    // The demo may already post its assistant: end that posting yesterday, history stays.
    const existing = itemsOf((await call(adminToken, 'GET', `/postings?region_id=${villageId}&role=village_affairs_assistant&current=true`)).body)
    for (const p of existing) {
      if (p.from < today()) assert.equal((await call(adminToken, 'POST', `/postings/${p.id}/end`, { to: daysAgo(1) })).status, 200)
    }
    // A second candidate for the overlapping posting.
    const others = itemsOf((await call(adminToken, 'GET', '/postings/candidates')).body).filter((c) => c.name !== name)
    assert.ok(others.length > 0)

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/postings?region_id=${villageId}`)
    await page.locator('[data-testid="postings-page"]').waitFor()
    await page.locator('[data-testid="posting-new"]').click()
    await pickPerson(page, name)
    await page.locator('input[data-testid="posting-team"]').fill('“三万”工作队')
    await page.locator('input[data-testid="posting-home-unit"]').fill('县农业农村局')
    await page.locator('input[data-testid="posting-from"]').fill(today())
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/postings')
    await page.locator('[data-testid="posting-save"]').click()
    assert.equal((await created).status(), 201)
    await page.locator('[data-testid="posting-save"]').waitFor({ state: 'hidden' })
    await page.locator('[data-testid="postings-table"] .el-tag', { hasText: '在岗' }).first().waitFor()
    await shot(page, 'postings-list')

    // The same role in the same village over the same days: refused, in Chinese, naming the first.
    await page.locator('[data-testid="posting-new"]').click()
    await pickPerson(page, others[0].name)
    await page.locator('input[data-testid="posting-from"]').fill(today())
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/postings')
    await page.locator('[data-testid="posting-save"]').click()
    assert.equal((await refused).status(), 409)
    const refusal = page.locator('[data-testid="posting-error"]')
    await refusal.waitFor()
    const text = await refusal.innerText()
    assert.match(text, /与已有派驻重叠/)
    assert.ok(text.includes(name), text)
    await shot(page, 'postings-overlap')
    await page.keyboard.press('Escape')

    const posting = itemsOf((await call(adminToken, 'GET', `/postings?region_id=${villageId}&role=village_affairs_assistant&current=true`)).body)[0]
    assert.equal(posting.user_name, name)

    // The agreement: drafted from the posting, weights 60 + 40, signed.
    await page.locator(`[data-testid="posting-open-${posting.id}"]`).click()
    await page.locator('[data-testid="posting-detail"]').waitFor()
    await page.locator('[data-testid="agreement-new"]').click()
    await page.locator('[data-testid="agreement-page"] [data-testid="agreement-items"]').waitFor()
    await page.locator('[data-testid="item-weight-0"] input').fill('60')
    await page.locator('[data-testid="item-weight-1"] input').fill('40')
    await page.locator('[data-testid="agreement-title"] input, input[data-testid="agreement-title"]').first().click()
    await page.locator('[data-testid="agreement-weight-total"]', { hasText: '100' }).waitFor()
    await page.locator('[data-testid="agreement-sign"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-testid="agreement-state"]', { hasText: '已签订' }).waitFor()
    await shot(page, 'agreement-signed')
    const agreementId = page.url().split('/').pop()

    // Signed: no change gets through, and it stays as signed.
    const stored = await call(adminToken, 'GET', `/agreements/${agreementId}`)
    const change = await call(adminToken, 'PUT', `/agreements/${agreementId}`, { year: stored.body.year, items: [] })
    assert.equal(change.status, 409)
    assert.equal(change.body.error.code, 'agreement.signed')
    assert.deepEqual((await call(adminToken, 'GET', `/agreements/${agreementId}`)).body, stored.body)

    // The public board, without a login.
    const board = await newPage(browser)
    await board.goto(`/board/${villageId}`)
    const assistant = board.locator('[data-testid="board-assistant"]')
    await assistant.waitFor()
    assert.ok((await assistant.innerText()).includes(name))
    const agreement = board.locator('[data-testid="board-agreement"]')
    await agreement.waitFor()
    assert.match(await agreement.innerText(), /走访农户覆盖率/)
    assert.match(await agreement.innerText(), new RegExp(today()))
    await shot(board, 'board-assistant-agreement')
  })
})
