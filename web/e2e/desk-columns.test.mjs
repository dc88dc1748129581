// Staff tables on a 1400 px desk (issue 13, item 11): every column header is whole. A header is
// clipped when its text is wider than its cell (.cell scrollWidth > clientWidth) or when the
// column lies outside the table's visible box (a table wider than the desk hides 办理时限 and
// 更新时间 behind a sideways scroll).
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ASSISTANT, requireServer, launch, newPage, login } from './helpers.mjs'
import { ADMIN, CLERK, HANDLER } from './matters-helpers.mjs'

// Each visible table's headers that do not fit, and how far its body scrolls sideways.
async function clipped(page) {
  return page.evaluate(() => {
    const out = []
    for (const table of document.querySelectorAll('.el-main .el-table')) {
      const box = table.getBoundingClientRect()
      if (box.width === 0) continue
      const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) out.push(`table scrolls sideways by ${wrap.scrollWidth - wrap.clientWidth} px`)
      for (const th of table.querySelectorAll('.el-table__header-wrapper th')) {
        const cell = th.querySelector('.cell')
        const name = cell ? cell.textContent.trim() : ''
        if (!name) continue
        const r = th.getBoundingClientRect()
        if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${name}: outside the table (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`)
        if (cell.scrollWidth > cell.clientWidth) out.push(`${name}: text ${cell.scrollWidth} px in ${cell.clientWidth} px`)
      }
    }
    return out
  })
}

async function check(page, route, clickFirstRow = false) {
  await page.goto(route)
  await page.waitForLoadState('networkidle')
  assert.equal(new URL(page.url()).pathname, route, `${route} is not reachable`)
  await page.locator('.el-main .el-table').first().waitFor()
  if (clickFirstRow) {
    await page.locator('.el-main .el-table__body tr').first().click()
    await page.waitForLoadState('networkidle')
  }
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(page), [], `${route}: clipped column headers`)
}

describe('staff tables at 1400 px: no clipped column header', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the administrator\'s tables', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    for (const route of ['/inbox', '/matters', '/supervision', '/callbacks', '/households', '/users', '/diary', '/events', '/notices']) {
      await check(page, route)
    }
    await check(page, '/units', true)
    await page.context().close()
  })

  it('the window clerk\'s, the handler\'s and the assistant\'s tables', async () => {
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    for (const route of ['/inbox', '/matters', '/errands', '/households']) await check(clerk, route)
    await clerk.context().close()
    const handler = await newPage(browser)
    await login(handler, HANDLER)
    for (const route of ['/inbox', '/matters']) await check(handler, route)
    await handler.context().close()
    const assistant = await newPage(browser)
    await login(assistant, ASSISTANT)
    for (const route of ['/households', '/matters', '/events']) await check(assistant, route)
    await assistant.context().close()
  })
})
