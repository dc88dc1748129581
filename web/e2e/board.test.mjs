// The village board (公开栏) in the browser, on the demo county, with no login: the administrator
// publishes a notice to the demo assistant's village; the board page then shows every section
// (assistant, party members and their households, the notice, the answered matters or their
// empty state, service guides, the station's hours, the vote result or its empty state) from one
// request, holds no phone number in the answered matters, and its print button opens the A3 PDF.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, ASSISTANT, requireServer, launch, newPage, shot } from './helpers.mjs'
import { apiLogin, call } from './network-helpers.mjs'

describe('village board', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('shows every section of a demo village and prints the A3 poster', async () => {
    requireServer()
    const adminToken = await apiLogin(ADMIN)
    const assistantToken = await apiLogin(ASSISTANT)
    const villageId = (await call(assistantToken, 'GET', '/auth/me')).body.user.scope_region_id
    const title = `公开栏测试通知 ${Date.now()}`
    const published = await call(adminToken, 'POST', '/notices', { region_id: villageId, kind: 'policy', title, body: '请各户按时参加村民大会。' })
    assert.equal(published.status, 201, JSON.stringify(published.body))

    const page = await newPage(browser)
    const boards = []
    page.on('response', (r) => { if (r.url().endsWith(`/api/v1/public/board/${villageId}`)) boards.push(r) })
    await page.goto(`/board/${villageId}`)
    await page.locator('[data-testid="board-member-0-0"]').waitFor()
    assert.ok(!new URL(page.url()).pathname.startsWith('/login'), 'the board asked for a login')
    assert.equal(boards.length, 1, 'the board loads in one request')
    const board = await boards[0].json()

    for (const section of ['board-assistant', 'board-members', 'board-notices', 'board-matters', 'board-guides', 'board-station', 'board-vote']) {
      await page.locator(`[data-testid="${section}"]`).waitFor()
    }
    assert.match(await page.locator('[data-testid="board-title"]').innerText(), new RegExp(`${board.village_name}公开栏`))
    assert.ok((await page.locator('[data-testid="board-notices"]').innerText()).includes(title))
    assert.ok((await page.locator('[data-testid="board-station"]').innerText()).length > 8)
    // Each of the other sections shows its content or its empty state.
    if (board.matters.length) {
      await page.locator('[data-testid="board-matter-0"]').waitFor()
      assert.doesNotMatch(await page.locator('[data-testid="board-matters"]').innerText(), /1[3-9]\d{9}/)
    } else {
      assert.match(await page.locator('[data-testid="board-matters-none"]').innerText(), /暂无/)
    }
    if (!board.last_vote) assert.match(await page.locator('[data-testid="board-vote-none"]').innerText(), /暂无/)
    if (!board.guides.length) assert.match(await page.locator('[data-testid="board-guides-none"]').innerText(), /暂/)
    else await page.locator(`[data-testid="board-guide-${board.guides[0].id}"]`).waitFor()
    if (board.last_vote) await page.locator('[data-testid="board-vote-result"]').waitFor()
    assert.match(await page.locator('[data-testid="board-assistant"]').innerText(), board.assistant.name ? new RegExp(board.assistant.name) : /暂无/)
    await shot(page, 'board-full')

    // Print: the A3 poster, as a PDF.
    const [pdf] = await Promise.all([
      page.context().waitForEvent('response', (r) => r.url().includes(`/api/v1/public/board/${villageId}/board.pdf`)),
      page.locator('[data-testid="board-print"]').click(),
    ])
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    await page.context().close()
  })
})
