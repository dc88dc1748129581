// Staff lists on a 375 px phone (issue 13, item 5): every staff list view shows cards (number,
// title, status and, for matters, the deadline) instead of a table wider than the screen; nothing
// in the page reaches past the right edge; the window clerk dispatches a matter from the inbox
// card's 派单 button through the matter's dispatch dialog, which fits the screen.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ASSISTANT, requireServer, launch, login, shot } from './helpers.mjs'
import { ADMIN, CLERK, HANDLER, ok, list, civilAffairs, civilCategory, clerkHousehold, acceptMatter } from './matters-helpers.mjs'

const WIDTH = 375

async function phonePage(browser) {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

// What sticks out past the screen's right edge: the page's own scroll width, and every visible
// element of the main area (a table scrolled inside its own box counts: its hidden columns do).
// A tab bar's own scroll arrows are fine and left out.
async function sideways(page) {
  return page.evaluate(() => {
    const main = document.querySelector('.el-main')
    const out = []
    for (const el of main ? main.querySelectorAll('*') : []) {
      if (el.closest('.el-tabs__nav-wrap')) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue
      if (r.right > window.innerWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} right=${Math.round(r.right)}`)
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      mainScroll: main ? main.scrollWidth - main.clientWidth : 0,
      over: out.slice(0, 5),
    }
  })
}

// The cards of the list: each one's number, title, status and deadline text.
async function cards(page) {
  return page.evaluate(() => [...document.querySelectorAll('.mq-card')].map((c) => {
    const text = (sel) => (c.querySelector(sel) ? c.querySelector(sel).textContent.trim() : '')
    return { number: text('.mq-card-number'), title: text('.mq-card-title'), status: text('.mq-card-status'), due: text('.mq-card-due') }
  }))
}

// Opens a list route and checks it: no sideways scroll, cards instead of table rows. `matters`
// lists must show number, title, status and deadline on every card; other lists their number
// (the row's key text) and title; `empty` lists may have no rows in the demo county.
async function checkList(page, route, { matters = false, empty = false } = {}) {
  await page.goto(route)
  await page.waitForLoadState('networkidle')
  assert.equal(new URL(page.url()).pathname, route.split('?')[0], `${route} is not reachable`)
  if (!empty) await page.locator('.mq-card').first().waitFor()
  await page.waitForTimeout(300)
  const s = await sideways(page)
  assert.ok(s.scrollWidth <= s.innerWidth, `${route}: the page scrolls sideways (${s.scrollWidth} > ${s.innerWidth})`)
  assert.equal(s.mainScroll, 0, `${route}: the main area scrolls sideways by ${s.mainScroll} px`)
  assert.deepEqual(s.over, [], `${route}: elements reach past the right edge`)
  assert.equal(await page.locator('.el-main .el-table').count(), 0, `${route}: a table is still shown on the phone`)
  const list = await cards(page)
  if (!empty) assert.ok(list.length > 0, `${route}: no cards`)
  for (const c of list) {
    assert.ok(c.number, `${route}: a card without its number: ${JSON.stringify(c)}`)
    assert.ok(c.title, `${route}: a card without its title: ${JSON.stringify(c)}`)
    if (matters) {
      assert.ok(c.status, `${route}: a card without its status: ${JSON.stringify(c)}`)
      assert.match(c.due, /\d{4}-\d{2}-\d{2}/, `${route}: a card without its deadline: ${JSON.stringify(c)}`)
    }
  }
  return list
}

describe('staff lists on a 375 px phone', { timeout: 300000 }, () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
    // The demo county has no errands, notices or household events: one of each, so their lists
    // have cards to check.
    const hh = await clerkHousehold()
    await ok(CLERK, 'POST', '/errands', { household_id: hh.id, purpose: '代办残疾证换领', documents: [{ name: '身份证复印件', copies: 1 }] })
    const own = list(await ok(ASSISTANT, 'GET', '/households?page_size=1'))[0]
    await ok(ASSISTANT, 'POST', '/notices', { region_id: own.region_id, kind: 'policy', title: '秋冬季防火提醒', body: '请各户检查电线与灶台。' })
    await ok(ASSISTANT, 'POST', '/household-events', { household_id: own.id, kind: 'errand', date: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), note: '代办医保报销' })
    // A well-run county has few overdue matters, and the clerk's township may have none: one
    // matter under 督办 there, for the supervision list.
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const supervised = await acceptMatter({ household_id: hh.id, category_id: category.id, content: `督办手机列表 ${Date.now().toString(36)}` })
    await ok(ADMIN, 'POST', `/matters/${supervised.id}/supervise`, { note: '请尽快办理', due_date: new Date(Date.now() + 32 * 3600e3).toISOString().slice(0, 10) })
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the window clerk: inbox, matters, supervision, appointments, errands and households are cards', async () => {
    const page = await phonePage(browser)
    await login(page, CLERK)
    await checkList(page, '/inbox', { matters: true })
    await checkList(page, '/matters', { matters: true })
    await checkList(page, '/supervision?kind=supervised', { matters: true })
    await checkList(page, '/households')
    await checkList(page, '/errands')
    // The appointment slots of the clerk's service centre.
    await page.goto('/appointments')
    const s = await sideways(page)
    assert.deepEqual(s.over, [], '/appointments: elements reach past the right edge')
    await page.context().close()
  })

  it('the administrator: users, units, diary, events, notices, callbacks are cards', async () => {
    const page = await phonePage(browser)
    await login(page, ADMIN)
    await checkList(page, '/users')
    await checkList(page, '/units')
    await checkList(page, '/diary', { empty: true })
    await checkList(page, '/events')
    await checkList(page, '/notices')
    await checkList(page, '/callbacks', { empty: true })
    await checkList(page, '/inbox', { matters: true })
    await page.context().close()
  })

  it('a unit handler and the village assistant: inbox and lists are cards', async () => {
    const handler = await phonePage(browser)
    await login(handler, HANDLER)
    await checkList(handler, '/inbox', { matters: true })
    await checkList(handler, '/matters', { matters: true })
    await handler.context().close()
    const assistant = await phonePage(browser)
    await login(assistant, ASSISTANT)
    await checkList(assistant, '/households')
    await checkList(assistant, '/matters', { matters: true })
    await checkList(assistant, '/events')
    await checkList(assistant, '/notices')
    await assistant.context().close()
  })

  it('the clerk dispatches a matter with 派单 on its inbox card', async () => {
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const hh = await clerkHousehold()
    const stamp = `派单手机${Date.now().toString(36)}`
    const matter = await acceptMatter({ household_id: hh.id, category_id: category.id, content: `路灯不亮，请尽快处理 ${stamp}` })

    const page = await phonePage(browser)
    await login(page, CLERK)
    await page.goto('/inbox')
    const card = page.locator(`[data-testid="inbox-table-card-${matter.id}"]`)
    await card.waitFor()
    assert.match(await card.locator('.mq-card-number').innerText(), new RegExp(matter.number))
    const button = card.locator(`[data-testid="inbox-dispatch-${matter.id}"]`)
    assert.equal(await button.innerText(), '派单')
    const box = await button.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= WIDTH, `the 派单 button is off the screen: ${JSON.stringify(box)}`)
    await shot(page, 'desk-phone-inbox')
    await button.click()

    const dialog = page.locator('[data-testid="dialog-dispatch"]')
    await dialog.waitFor()
    const d = await dialog.boundingBox()
    assert.ok(d && d.x >= 0 && d.x + d.width <= WIDTH, `the dispatch dialog does not fit the screen: ${JSON.stringify(d)}`)
    await page.locator('[data-testid="dispatch-note"] input, input[data-testid="dispatch-note"]').first().fill(stamp)
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/matters/${matter.id}/dispatch`)
    await page.locator('[data-testid="dialog-submit"]').click()
    assert.equal((await sent).status(), 200)
    const after = await ok(CLERK, 'GET', `/matters/${matter.id}`)
    assert.equal((after.matter || after).status, 'dispatched')
    await page.context().close()
  })
})
