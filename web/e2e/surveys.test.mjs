// Surveys and evaluations (问卷与评议, issue 16 item 6) in the browser. On the demo county the
// administrator creates a survey for the village assistant's village with two questions (a single
// choice and a 1-5 rating) in the question builder, opens it, prints the household slips (the PDF
// is kept in web/test-results/survey-slips.pdf) and takes one household's link; that household
// answers on a 375 px phone (the public page, no login); opening its link again says it has
// answered. The results page then shows one answer per question, the rating's average and the
// charts.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { BASE, ADMIN, ASSISTANT, RESULTS, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { apiLogin, call } from './network-helpers.mjs'

describe('surveys', () => {
  let browser
  let village
  let link
  let surveyId
  const title = `三问三解：村道修缮意见征集 ${Date.now() % 100000}`

  before(async () => {
    requireServer()
    browser = await launch()
    const assistant = await apiLogin(ASSISTANT)
    const me = (await call(assistant, 'GET', '/auth/me')).body
    village = (me.user || me).scope_region_id
    assert.ok(village, 'the demo assistant has a village')
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('the organiser builds a survey with two questions, opens it and prints the slips', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/surveys?region_id=${village}`)
    await page.locator('[data-testid="survey-new"]').click()
    const dialog = page.locator('[data-testid="survey-edit-dialog"]')
    await field(page, 'survey-title-input').fill(title)
    await field(page, 'survey-subject-text').fill('村道修缮')
    await field(page, 'survey-question-0-text').fill('您对村道修缮方案是否满意')
    await dialog.locator('textarea[data-testid="survey-question-0-options"], [data-testid="survey-question-0-options"] textarea').first().fill('满意\n不满意')
    await page.locator('[data-testid="survey-add-question"]').click()
    await field(page, 'survey-question-1-text').fill('请为村干部的工作打分')
    await chooseOption(page, page.locator('[data-testid="survey-question-1-kind"]'), '评分')
    await shot(page, 'surveys-builder')
    await page.locator('[data-testid="survey-save"]').click()
    await page.locator('[data-testid="survey-detail"]').waitFor()
    assert.match(await page.locator('[data-testid="survey-state"]').textContent(), /草稿/)

    await page.locator('[data-testid="survey-open"]').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.waitForFunction(() => /进行中/.test(document.querySelector('[data-testid="survey-state"]')?.textContent || ''))
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="survey-slips"]').click()])
    await download.saveAs(path.join(RESULTS, 'survey-slips.pdf'))
    const first = page.locator('[data-testid="survey-links"] a').first()
    await first.waitFor()
    link = new URL(await first.getAttribute('href'))
    surveyId = link.pathname.split('/')[2]
    assert.match(link.pathname, /^\/s\/\d+$/)
    assert.match(link.search, /^\?t=\d+-[0-9a-f]{16}$/)
    await shot(page, 'surveys-opened')
    await page.context().close()
  })

  it('a household answers once through its link on a phone', async () => {
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(15000)
    await page.goto(`${link.pathname}${link.search}`)
    await page.locator('[data-testid="survey-title"]').waitFor()
    assert.equal(await page.locator('[data-testid="survey-title"]').textContent(), title)
    // A required question left out is refused beside it.
    await page.locator('[data-testid="survey-q-0-opt-0"]').click()
    await page.locator('[data-testid="survey-submit"]').click()
    await page.locator('[data-testid="survey-answer-error"]').waitFor()
    await page.locator('[data-testid="survey-q-1-rating-4"]').click()
    await shot(page, 'surveys-public')
    await page.locator('[data-testid="survey-submit"]').click()
    await page.locator('[data-testid="survey-done"]').waitFor()
    // The same link again: this household has answered.
    await page.goto(`${link.pathname}${link.search}`)
    await page.locator('[data-testid="survey-already"]').waitFor()
    assert.match(await page.locator('[data-testid="survey-already"]').textContent(), /只能答一次/)
    await context.close()
  })

  it('the results page counts the answer and draws the charts', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/surveys/${surveyId}/results`)
    await page.locator('[data-testid="survey-chart-0"] canvas').waitFor()
    await page.locator('[data-testid="survey-chart-1"] canvas').waitFor()
    assert.equal((await page.locator('[data-testid="survey-result-0-answered"]').textContent()).trim(), '1')
    assert.equal((await page.locator('[data-testid="survey-result-1-average"]').textContent()).trim(), '4.00')
    assert.match(await page.locator('[data-testid="survey-response-rate"]').textContent(), /^1 \/ \d+/)
    await shot(page, 'surveys-results')
    await page.context().close()
  })
})
