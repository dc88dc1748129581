// Scorecards (考核) in the browser, on the demo county: the county leader opens the ranking of
// village affairs assistants, opens the demo assistant's card (target, actual, points per line,
// the total, 尚无数据来源 for duties without a data source), and follows the visit-coverage figure
// to the diary filtered by the village and the year (from the posting's start): the records it
// counts. The assistant reads
// their own card and is refused another's over the API.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, ASSISTANT, requireServer, launch, newPage, login, shot } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

const LEADER = { user: process.env.MINQING_LEADER_USER || 'leader', password: ADMIN.password }

describe('scorecards', { timeout: 180000 }, () => {
  let browser
  let posting
  let village
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()

  before(async () => {
    requireServer()
    browser = await launch()
    const assistant = await apiLogin(ASSISTANT)
    const me = (await call(assistant, 'GET', '/auth/me')).body.user
    village = me.scope_region_id
    const admin = await apiLogin(ADMIN)
    const postings = itemsOf((await call(admin, 'GET', `/postings?user_id=${me.id}&current=true`)).body)
    assert.ok(postings.length > 0, 'the demo posts its assistant')
    posting = postings[0]
    // The assistant reads their own card over the API.
    assert.equal((await call(assistant, 'GET', `/scorecards/${posting.id}?year=${year}`)).status, 200)
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('the leader opens the ranking, a card, and a figure\'s records', async () => {
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto('/scorecards')
    const open = page.locator(`[data-testid="scorecard-open-${posting.id}"]`)
    await open.waitFor()
    await shot(page, 'scorecards-ranking')
    await open.click()
    await page.locator('[data-testid="scorecard-lines"]').waitFor()
    assert.match(await page.locator('[data-testid="scorecard-title"]').textContent(), new RegExp(posting.user_name))
    assert.match(await page.locator('[data-testid="scorecard-total"]').textContent(), /\//)
    assert.match(await page.locator('[data-testid="scorecard-lines"]').textContent(), /尚无数据来源|人工填报/)
    await shot(page, 'scorecards-card')
    // Every computed figure links to the records it counts: the first line is visit coverage.
    await page.locator('[data-testid="scorecard-link-0"]').click()
    await page.waitForURL(/\/diary\?/)
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('region_id'), String(village))
    // The period is the year, from the posting's first day when it began this year.
    const yearStart = `${year}-01-01`
    assert.equal(url.searchParams.get('from'), posting.from > yearStart ? posting.from : yearStart)
    assert.equal(url.searchParams.get('confirmed'), 'true')
    await page.locator('[data-testid="diary-confirmed"]').waitFor()
    await shot(page, 'scorecards-diary')
  })
})
