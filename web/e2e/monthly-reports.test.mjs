// Monthly ranking reports (月度通报) in the browser, on the demo county (which made the last two
// complete months' reports): the county leader opens 月度通报, sees last month's 通报, the units'
// ranking with its month-over-month arrows and the charts, and downloads the PDF and the xlsx; the
// leader has no generate button and the server refuses generation to a leader and reading to a
// handler; the administrator's settings dialog refuses weights that do not add up to 1.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { ADMIN, requireServer, launch, newPage, login, shot } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

const LEADER = { user: process.env.MINQING_LEADER_USER || 'leader', password: ADMIN.password }
const HANDLER = { user: process.env.MINQING_HANDLER_USER || 'handler', password: ADMIN.password }

describe('monthly reports', { timeout: 180000 }, () => {
  let browser
  let month

  before(async () => {
    requireServer()
    browser = await launch()
    const leader = await apiLogin(LEADER)
    const list = itemsOf((await call(leader, 'GET', '/monthly-reports')).body)
    assert.ok(list.length >= 2, 'the demo made the last two months\' reports')
    month = list[0].month
    assert.equal((await call(leader, 'POST', `/monthly-reports/${month}/generate`, {})).status, 403)
    const handler = await apiLogin(HANDLER)
    assert.equal((await call(handler, 'GET', '/monthly-reports')).status, 403)
    assert.equal((await call(handler, 'GET', `/monthly-reports/${month}/pdf`)).status, 403)
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('the leader reads the ranking and downloads the PDF and the xlsx', async () => {
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto('/reports/monthly')
    await page.locator(`[data-testid="monthly-month-${month}"]`).waitFor()
    await page.locator('[data-testid="monthly-table-units"] .el-table__row').first().waitFor()
    assert.match(await page.locator('[data-testid="monthly-title"]').textContent(), /诉求办理三率排名通报/)
    assert.match(await page.locator('[data-testid="monthly-notice"]').textContent(), /全县共受理群众诉求/)
    const table = await page.locator('[data-testid="monthly-table-units"]').textContent()
    assert.match(table, /综合得分/)
    // The month before was ranked too, so rank changes show as arrows or 持平.
    assert.match(table, /[↑↓]|持平/)
    await page.locator('[data-testid="monthly-chart-scores"] canvas').waitFor()
    await page.locator('[data-testid="monthly-chart-trend"] canvas').waitFor()
    assert.equal(await page.locator('[data-testid="monthly-generate"]').count(), 0)
    await shot(page, 'monthly-reports')

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="monthly-pdf"]').click()])
    const pdfBytes = fs.readFileSync(await pdf.path())
    assert.equal(pdfBytes.subarray(0, 5).toString(), '%PDF-')
    assert.match(pdf.suggestedFilename(), new RegExp(`${month}\\.pdf$`))
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="monthly-xlsx"]').click()])
    assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK')
    await page.close()
  })

  it('the administrator\'s settings refuse weights that do not add up to 1', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/reports/monthly')
    await page.locator('[data-testid="monthly-generate"]').waitFor()
    await page.locator('[data-testid="monthly-settings"]').click()
    const weight = page.locator('[data-testid="monthly-weight-response"] input')
    await weight.fill('0.9')
    await weight.blur()
    await page.locator('[data-testid="monthly-settings-save"]').click()
    await page.locator('[data-testid="monthly-settings-error"]').waitFor()
    assert.match(await page.locator('[data-testid="monthly-settings-error"]').textContent(), /权重之和应为 1/)
    await shot(page, 'monthly-reports-settings')
    await page.close()
  })
})
