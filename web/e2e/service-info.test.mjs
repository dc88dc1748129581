// On duty and service guides in the browser, on the demo county: an administrator writes a guide
// for a category in 办事指南 and publishes it; the public guide page (no login) shows it with the
// time limit of the category catalogue. In 值班安排 the administrator enters today's leader on duty
// and a window clerk at the first township's centre; the public duty page (no login) shows them;
// the day's badges download as a PDF with one page per person. A clerk of another township is
// refused the roster, and a draft guide is not public.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { BASE, ADMIN, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { apiLogin, call } from './network-helpers.mjs'

const CLERK = { user: process.env.MINQING_CLERK_USER || 'clerk', password: process.env.MINQING_CLERK_PASSWORD || 'demo123456' }

function chinaToday() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

// Chooses `text` in a select. The list of the select chosen before may still be fading out and
// hold the same name (a clerk is a candidate for leader and for a window): wait until no list
// shows, so that the option clicked is in the list just opened.
async function pick(page, selectTestid, text) {
  await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
  await chooseOption(page, page.locator(`[data-testid="${selectTestid}"]`), text)
}

describe('on duty and service guides', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('an administrator publishes a guide and the public page shows the catalogue\'s time limit', async () => {
    requireServer()
    const admin = await apiLogin(ADMIN)
    const categories = (await call(admin, 'GET', '/categories')).body.items.filter((c) => c.active !== false)
    const guides = (await call(admin, 'GET', '/guides')).body.items
    const category = categories.find((c) => !guides.some((g) => g.category.id === c.id))
    assert.ok(category, 'a category without a guide')
    const limit = `${category.completion_days}个工作日内办结（${category.response_hours}个工作小时内受理）`

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.locator('[data-testid="nav-service-guides"]').click()
    await page.locator('[data-testid="guides-page"]').waitFor()
    await page.locator(`[data-testid="guide-write-${category.id}"]`).click()
    await page.locator('[data-testid="guide-form"]').waitFor()
    assert.equal((await page.locator('[data-testid="guide-time-limit"]').innerText()).trim(), limit)
    await field(page, 'guide-title').fill(`${category.name}办事指南（测试）`)
    await page.locator('textarea[data-testid="guide-materials"], [data-testid="guide-materials"] textarea').first().fill('居民身份证\n户口簿\n申请书')
    await page.locator('textarea[data-testid="guide-steps"], [data-testid="guide-steps"] textarea').first().fill('窗口提交申请\n审核\n办结答复')
    await field(page, 'guide-place').fill('乡镇便民服务中心')
    await field(page, 'guide-window').fill('3号窗口')
    await field(page, 'guide-phone').fill('0318-7212345')
    // Saved as a draft first: not public.
    await page.locator('[data-testid="guide-save-draft"]').click()
    await page.locator(`[data-testid="guide-status-${category.id}"]`, { hasText: '草稿' }).waitFor()
    const draft = (await call(admin, 'GET', '/guides')).body.items.find((g) => g.category.id === category.id)
    assert.equal((await call(null, 'GET', `/public/guides/${draft.id}`)).status, 404, 'a draft is not public')

    await page.locator(`[data-testid="guide-edit-${category.id}"]`).click()
    await page.locator('[data-testid="guide-publish"]').click()
    await page.locator(`[data-testid="guide-status-${category.id}"]`, { hasText: '已公开' }).waitFor()
    await shot(page, 'service-guides')

    const visitor = await browser.newPage({ baseURL: BASE, viewport: { width: 390, height: 844 } })
    await visitor.goto(`/guides/g/${draft.id}`)
    await visitor.locator('[data-testid="public-guide-title"]', { hasText: '办事指南（测试）' }).waitFor()
    assert.equal((await visitor.locator('[data-testid="public-guide-time-limit"]').innerText()).trim(), limit)
    assert.match(await visitor.locator('[data-testid="public-guide-materials"]').innerText(), /户口簿/)
    await shot(visitor, 'service-guide-public')
    await visitor.close()
    await page.context().close()
  })

  it('a day\'s duty is entered, shown on the public page, and its badges download', async () => {
    requireServer()
    const admin = await apiLogin(ADMIN)
    const clerkToken = await apiLogin(CLERK)
    const clerk = (await call(clerkToken, 'GET', '/auth/me')).body.user
    const township = clerk.scope_region_id
    const centres = (await call(admin, 'GET', '/units')).body.items.filter((u) => u.kind === 'service_centre')
    const centre = centres.find((u) => u.region_id === township)
    const foreign = centres.find((u) => u.region_id !== township)
    assert.ok(centre && foreign, 'the demo county has service centres in two townships')
    // The clerk may not touch another township's roster.
    const refused = await call(clerkToken, 'PUT', `/units/${foreign.id}/duty`, { days: [] })
    assert.equal(refused.status, 403)
    // A township leader to be on duty (带班领导).
    const leaderName = `带班${Date.now() % 100000}`
    const made = await call(admin, 'POST', '/users', {
      username: `duty_leader_${Date.now()}`, display_name: leaderName, role: 'leader', password: 'demo123456', scope_region_id: township,
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const today = chinaToday()

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.locator('[data-testid="nav-service-duty"]').click()
    await page.locator('[data-testid="duty-page"]').waitFor()
    // The page opens on the first centre and loads its week: choose only once that has settled,
    // and wait for the chosen centre's week and candidates, so that no list is redrawn mid-click.
    const day = page.locator(`[data-testid="duty-day-${today}"]`)
    await day.waitFor()
    if (!(await page.locator('[data-testid="duty-centre"]').innerText()).includes(centre.name)) {
      const candidates = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/units/${centre.id}/duty/candidates`)
      // A county has dozens of centres: the list is filtered by typing, as a clerk would.
      await chooseOption(page, page.locator('[data-testid="duty-centre"]'), centre.name, centre.name)
      await candidates
      await day.waitFor()
    }
    await pick(page, `duty-leader-${today}`, leaderName)
    await page.locator(`[data-testid="duty-add-${today}"]`).click()
    await pick(page, `duty-staff-${today}-0`, clerk.display_name)
    await field(page, `duty-post-${today}-0`).fill('1号窗口 社会救助')
    await page.locator(`[data-testid="duty-save-${today}"]`).click()
    await page.locator('.el-message--success').first().waitFor()
    await shot(page, 'service-duty')

    const visitor = await browser.newPage({ baseURL: BASE, viewport: { width: 390, height: 844 } })
    await visitor.goto(`/duty/${centre.id}`)
    const todayBox = visitor.locator('[data-testid="public-duty-today"]')
    await todayBox.locator('text=' + leaderName).waitFor()
    const text = await todayBox.innerText()
    assert.match(text, new RegExp(clerk.display_name))
    assert.match(text, /1号窗口 社会救助/)
    assert.match(text, /GP-\d{4}/)
    await shot(visitor, 'service-duty-public')
    await visitor.close()

    await page.locator(`[data-testid="duty-badges-${today}"]`).click()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="duty-badges-all"]').click(),
    ])
    const pdf = fs.readFileSync(await file.path())
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF')
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
    assert.equal(pages, 2, 'one badge page for the leader, one for the clerk')
    await page.context().close()
  })
})
