// Year-end report and vote (述职评议) in the browser (issue 16, item 4). On the demo county, the
// administrator sets up a vote on the village assistant (API), opens it and issues printed slips;
// a voter opens a slip's link on a 375 px phone (the public ballot page, no login), reads the
// assessed person, the report and the scorecard, chooses 满意 and votes; the same code is then
// refused with its Chinese message. On the staff page the administrator sees the turnout but no
// counts, closes and publishes, and the result shows 1 满意, as does the board's public results
// API. The slips PDF is kept in web/test-results/votes-slips.pdf.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, ADMIN, ASSISTANT, RESULTS, requireServer, launch, newPage, login, shot } from './helpers.mjs'
import { apiLogin, call } from './network-helpers.mjs'

describe('year-end vote', () => {
  let browser
  let admin
  let vote
  let slips
  let village

  before(async () => {
    requireServer()
    browser = await launch()
    admin = await apiLogin(ADMIN)
    const assistant = await apiLogin(ASSISTANT)
    const me = (await call(assistant, 'GET', '/auth/me')).body
    const user = me.user || me
    village = user.scope_region_id
    assert.ok(village, 'the demo assistant has a village')
    const now = Math.floor(Date.now() / 1000)
    // The vote starts from the assistant's posting; the server computes the frozen scorecard.
    const postings = (await call(admin, 'GET', `/postings?user_id=${user.id}&region_id=${village}`)).body.items
    assert.ok(postings.length > 0, 'the demo posts the assistant')
    const made = await call(admin, 'POST', '/votes', {
      posting_id: postings[0].id, year: 2026, title: '2026年度村级事务助理述职评议',
      opens_at: now - 60, closes_at: now + 3600,
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    vote = made.body.id
    assert.equal((await call(admin, 'PATCH', `/votes/${vote}`, { report: '一年来走访农户三百余户，代办事项四十件。' })).status, 200)
    assert.equal((await call(admin, 'POST', `/votes/${vote}/open`)).status, 200)
    const issued = await call(admin, 'POST', `/votes/${vote}/issue`, { channel: 'print' })
    assert.equal(issued.status, 200, JSON.stringify(issued.body))
    slips = issued.body.slips
    assert.ok(slips.length > 0, 'the village has voters')
    assert.ok(issued.body.slips_pdf_base64.startsWith('JVBERi'), 'the slips are a PDF')
    fs.writeFileSync(path.join(RESULTS, 'votes-slips.pdf'), Buffer.from(issued.body.slips_pdf_base64, 'base64'))
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('a voter votes once from the slip link on a phone', async () => {
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(15000)
    const link = new URL(slips[0].url)
    await page.goto(`${link.pathname}${link.search}`)
    await page.locator('[data-testid="vote-assessed"]').waitFor()
    assert.match(await page.locator('[data-testid="vote-report"]').textContent(), /走访农户三百余户/)
    assert.ok(await page.locator('[data-testid="vote-score-row"]').count() > 2)
    assert.match(await page.locator('[data-testid="vote-score-row"]').last().textContent(), /合计/)
    assert.equal(await page.locator('[data-testid="vote-code"]').inputValue(), slips[0].code)
    await shot(page, 'votes-ballot')
    await page.locator('[data-testid="vote-choice-satisfied"]').click()
    await page.locator('[data-testid="vote-submit"]').click()
    await page.locator('[data-testid="vote-done"]').waitFor()
    await shot(page, 'votes-ballot-done')

    // The same slip again: refused, with the reason in Chinese.
    await page.goto(`${link.pathname}${link.search}`)
    await page.locator('[data-testid="vote-choice-unsatisfied"]').click()
    await page.locator('[data-testid="vote-submit"]').click()
    await page.locator('[data-testid="vote-error"]').waitFor()
    assert.match(await page.locator('[data-testid="vote-error"]').textContent(), /已经投过票/)
    // A made-up code.
    await page.locator('[data-testid="vote-code"]').fill('ZZZZZ-ZZZZZ')
    await page.locator('[data-testid="vote-submit"]').click()
    await page.waitForFunction(() => /投票码不正确/.test(document.querySelector('[data-testid="vote-error"]')?.textContent || ''))
    await context.close()
  })

  it('the organiser sees turnout, not counts, until closed and published', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/votes')
    await page.locator('[data-testid="votes-table"] .el-table__row').first().waitFor()
    await page.locator('[data-testid="votes-table"] .el-table__row', { hasText: '2026年度村级事务助理述职评议' }).first().click()
    await page.locator('[data-testid="vote-detail"]').waitFor()
    assert.match(await page.locator('[data-testid="vote-turnout"]').textContent(), new RegExp(`^1 / ${slips.length}$`))
    assert.match(await page.locator('[data-testid="vote-refusal-vote.code_used"]').textContent(), /1/)
    await page.locator('[data-testid="vote-no-result"]').waitFor()
    await shot(page, 'votes-staff-open')
    await page.locator('[data-testid="vote-close"]').click()
    await page.locator('[data-testid="vote-publish"]').click()
    await page.locator('[data-testid="vote-result"]').waitFor()
    assert.match(await page.locator('[data-testid="vote-result"]').textContent(), /100\.0%/)
    await shot(page, 'votes-staff-published')
    const board = await call('', 'GET', `/public/villages/${village}/vote-results`)
    assert.equal(board.body.items[0].result.counts.satisfied, 1)
    assert.equal(board.body.items[0].result.total, 1)
  })
})
