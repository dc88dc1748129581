// Issue 13, item 11's small things, each through the UI: the 督办 dialog marks its deadline as
// required and names it; a sign-off proof shows its Chinese label, never the raw code; a retold
// complaint scores high in the window's duplicate warning; an expired session says so on the
// login page and returns to the page after login; the resident's counts add up to their list;
// 我的待办 and 代办服务 are told apart in the menu; a 40,000-row roster check shows its progress.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { requireServer, launch, newPage, login, shot, field, apiGet } from './helpers.mjs'
import {
  ADMIN, CLERK, HANDLER, LEADER, PASSWORD, ok, list, civilAffairs, civilCategory, clerkHousehold,
  acceptMatter, chooseWindowHousehold,
} from './matters-helpers.mjs'

const RESIDENT = { user: process.env.MINQING_RESIDENT_USER || 'resident', password: PASSWORD }

describe('desk: item 11 small things', { timeout: 300000 }, () => {
  let browser
  let unit
  let category
  let hh
  const stamp = Date.now().toString(36)
  before(async () => {
    if (!process.env.MINQING_URL) return
    browser = await launch()
    unit = await civilAffairs()
    category = await civilCategory(unit.id)
    hh = await clerkHousehold()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the 督办 dialog names its deadline 督办期限, marks it required and says so when it is empty', async () => {
    requireServer()
    const m = await acceptMatter({ household_id: hh.id, category_id: category.id, content: `督办期限测试 ${stamp}` })
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto(`/matters/${m.id}`)
    await page.locator('[data-testid="act-supervise"]').click()
    const dueItem = page.locator('.el-form-item', { has: page.locator('[data-testid="supervise-due"]') }).filter({ visible: true })
    await dueItem.waitFor()
    assert.equal((await dueItem.locator('.el-form-item__label').innerText()).trim(), '督办期限')
    assert.match(await dueItem.getAttribute('class'), /is-required/, 'the deadline is marked required')
    await page.locator('textarea[data-testid="supervise-note"], [data-testid="supervise-note"] textarea').first().fill(`请尽快办理 ${stamp}`)
    let posted = false
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith(`/matters/${m.id}/supervise`)) posted = true })
    await page.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await dueItem.locator('.el-form-item__error', { hasText: '请选择督办期限' }).waitFor()
    assert.equal(posted, false, 'nothing is sent without a deadline')
    await shot(page, 'desk-small-supervise')
    await page.context().close()
  })

  it('the sign-off proof shows its Chinese label, never the raw code', async () => {
    requireServer()
    const closed = list(await ok(ADMIN, 'GET', '/matters?status=closed&page_size=1'))[0]
    assert.ok(closed, 'no closed matter in the demo county')
    const page = await newPage(browser)
    await login(page, ADMIN)
    // An older server's answer: the code without its label (old public_page closures), then a
    // code nobody has a label for.
    let proof = 'public_page'
    await page.route(`**/api/v1/matters/${closed.id}`, async (route) => {
      const res = await route.fetch()
      const body = await res.json()
      Object.assign(body.matter, { solved: true, rating: 4, confirmed_via: proof, confirmed_via_label: '' })
      await route.fulfill({ response: res, json: body })
    })
    await page.goto(`/matters/${closed.id}`)
    const shown = page.locator('[data-testid="matter-proof"]')
    await shown.waitFor()
    assert.equal((await shown.innerText()).trim(), '仅凭查询链接（旧记录，未经验证）')
    const summary = await page.locator('[data-testid="matter-summary"]').innerText()
    assert.ok(!summary.includes('public_page'), `raw code on the page: ${summary}`)
    await shot(page, 'desk-small-proof')
    proof = 'carrier_pigeon'
    await page.reload()
    await shown.waitFor()
    assert.equal((await shown.innerText()).trim(), '其他方式')
    assert.ok(!(await page.locator('[data-testid="matter-summary"]').innerText()).includes('carrier_pigeon'))
    await page.context().close()
  })

  it('a complaint told again, shorter, scores high in the window’s duplicate warning', async () => {
    requireServer()
    const content = '小区门口路灯坏了一个月，晚上很黑，老人出门不方便，孩子放学也怕摔倒，村里反映过两次还没修，希望尽快派人来修一修，谢谢'
    const target = await acceptMatter({ household_id: hh.id, category_id: category.id, content })
    const page = await newPage(browser)
    await login(page, CLERK)
    await page.goto('/window')
    await chooseWindowHousehold(page, hh)
    const box = page.locator('textarea[data-testid="matter-content"], [data-testid="matter-content"] textarea').first()
    const preview = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters/intake-preview' &&
      (new URL(r.url()).searchParams.get('text') || '').includes('晚上很黑'))
    await box.fill('小区门口路灯坏了一个月，晚上很黑')
    await preview
    const dup = page.locator(`[data-testid="duplicate-${target.id}"]`)
    await dup.waitFor({ timeout: 5000 }).catch(() => {})
    assert.ok(await dup.isVisible(), 'the earlier matter is not in the duplicate warning')
    const pct = Number(((await dup.innerText()).match(/(\d+)%/) || [])[1])
    assert.ok(pct >= 80, `a retold complaint scores ${pct}%`)
    await shot(page, 'desk-small-duplicate')
    await page.context().close()
  })

  it('an expired session returns to login saying so, and back to the page after login', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/matters')
    await page.locator('[data-testid="nav-inbox"]').waitFor()
    // The session ends on the server's side (here: the cookie is gone); the next request is 401.
    await page.context().clearCookies()
    await page.locator('[data-testid="nav-inbox"]').click()
    await page.waitForURL((u) => u.pathname === '/login')
    const notice = page.locator('[data-testid="login-expired"]')
    await notice.waitFor()
    assert.match(await notice.innerText(), /登录已过期，请重新登录/)
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/inbox')
    await shot(page, 'desk-small-expired')
    await field(page, 'login-username').fill(ADMIN.user)
    await field(page, 'login-password').fill(ADMIN.password)
    await page.locator('[data-testid="login-submit"]').click()
    await page.waitForURL((u) => u.pathname === '/inbox')

    // Expired while the page was closed: a reload lands on login with the same notice.
    await page.context().clearCookies()
    await page.reload()
    await page.waitForURL((u) => u.pathname === '/login')
    await notice.waitFor()
    await page.context().close()

    // A first visit, never signed in in this tab, is not told its session expired.
    const fresh = await newPage(browser)
    await fresh.goto('/matters')
    await fresh.waitForURL((u) => u.pathname === '/login')
    await field(fresh, 'login-username').waitFor()
    assert.equal(await fresh.locator('[data-testid="login-expired"]').count(), 0)
    await fresh.context().close()
  })

  it('the resident’s counts place replied matters under 待我确认 and add up to the list', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, RESIDENT)
    const own = (await apiGet(page, '/households?page_size=1')).body
    const household = list(own)[0]
    assert.ok(household, 'the demo resident has no household')
    // One matter replied (awaiting the resident) and one signed off, whatever the demo left.
    const replyTo = async (content) => {
      const m = (await ok(ADMIN, 'POST', '/matters', { type: 'help', channel: 'window', household_id: household.id, category_id: category.id, content })).matter
      await ok(ADMIN, 'POST', `/matters/${m.id}/dispatch`, { unit_id: unit.id })
      await ok(HANDLER, 'POST', `/matters/${m.id}/accept`)
      await ok(HANDLER, 'POST', `/matters/${m.id}/reply`, { text: '已处理' })
      return m
    }
    await replyTo(`已答复待确认 ${stamp}`)
    const closed = await replyTo(`已办结 ${stamp}`)
    await ok(LEADER, 'POST', `/matters/${closed.id}/callback`, { solved: true, rating: 5, comment: '' })

    await page.goto('/my/matters')
    const counts = page.locator('[data-testid="my-counts"]')
    await counts.waitFor()
    const text = await counts.innerText()
    const num = (label) => {
      const m = text.match(new RegExp(`${label}\\s*(\\d+)`))
      assert.ok(m, `no ${label} count in "${text}"`)
      return Number(m[1])
    }
    const total = (await apiGet(page, '/matters?page_size=1')).body.total
    const open = num('在办')
    const waiting = num('待我确认')
    const done = num('已办结')
    assert.ok(waiting >= 1, text)
    assert.ok(done >= 1, text)
    assert.equal(open + waiting + done, total, `counts "${text}" against ${total} matters in the list`)
    assert.equal(num('共'), total)
    await shot(page, 'desk-small-my-counts')
    await page.context().close()
  })

  it('the menu tells 我的待办 from 代办服务', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    const inbox = page.locator('[data-testid="nav-inbox"]')
    const errands = page.locator('[data-testid="nav-errands"]')
    await inbox.waitFor()
    assert.equal((await inbox.innerText()).trim(), '我的待办')
    assert.equal((await errands.innerText()).trim(), '代办服务')
    await page.context().close()
  })

  it('a 40,000-row roster check shows upload and checking progress, then the rows it took', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    const first = list((await apiGet(page, '/households?page_size=1')).body)[0]
    const region = (await apiGet(page, `/regions/${first.region_id}`)).body
    assert.ok(region && region.code, 'no region code for the roster rows')
    const header = '户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系'
    const lines = [header]
    for (let i = 0; i < 40000; i++) {
      const n = String(i).padStart(5, '0')
      lines.push(`E2E${stamp}${Math.floor(i / 3)},${region.code},测试路${n}号,,测试${n},男,1980-01-01,,,${i % 3 ? '子' : '户主'}`)
    }
    const file = path.join(os.tmpdir(), `roster-40k-${stamp}.csv`)
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`)

    await page.goto('/households')
    await page.locator('[data-testid="roster-import"]').click()
    const dialog = page.locator('[data-testid="roster-import-dialog"]')
    await dialog.locator('[data-testid="roster-file"]').setInputFiles(file)
    const check = dialog.locator('[data-testid="roster-check"]')
    await page.waitForFunction(() => !document.querySelector('[data-testid="roster-check"]').disabled)
    let answered = false
    // A loaded machine takes well over the default 15 s for the check itself.
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/roster/import', { timeout: 120000 })
      .then((r) => { answered = true; return r })
    const started = Date.now()
    // Sending a 5 MB body keeps a loaded renderer busy: do not wait on it after the click.
    await check.click({ noWaitAfter: true, timeout: 60000 })
    const progress = dialog.locator('[data-testid="roster-progress"]')
    await progress.waitFor({ timeout: 60000 })
    // While the server checks, the rows checked so far (polled every 0.4 s, counted every 2,000).
    // An idle machine may answer before the first poll: then there is nothing to read mid-way.
    const checking = progress.locator('[data-testid="roster-progress-checking"]')
    const firstSeen = await Promise.race([
      checking.waitFor({ timeout: 120000 }).then(() => 'checking'),
      response.then(() => 'answered'),
    ])
    if (firstSeen === 'checking' && !answered) {
      // The total while checking is the reader's estimate from the rows read so far (within a
      // few percent of the 40,000 rows); the exact count comes with the answer below.
      const shown = (await checking.innerText()).match(/正在检查：[\d,]+ \/ 约 ([\d,]+) 行/)
      assert.ok(shown, 'no checking progress line')
      const estimate = Number(shown[1].replace(/,/g, ''))
      assert.ok(Math.abs(estimate - 40000) <= 2000, `estimated ${estimate} rows for 40,000`)
    }
    const res = await response
    const seconds = (Date.now() - started) / 1000
    assert.equal(res.status(), 200)
    const body = await res.json()
    assert.equal(body.rows, 40000)
    const finished = progress.locator('[data-testid="roster-progress-done"]')
    await finished.waitFor()
    assert.match(await finished.innerText(), /已处理 40,000 行/)
    await dialog.locator('[data-testid="roster-summary"]').waitFor()
    console.log(`roster check of 40,000 rows: ${seconds.toFixed(1)} s from click to answer`)
    await shot(page, 'desk-small-roster-progress')
    fs.rmSync(file, { force: true })
    await page.context().close()
  })
})
