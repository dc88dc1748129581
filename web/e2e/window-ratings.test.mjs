// Issue 16, item 5: window ratings (窗口即时评价) from the receipt's QR code. The clerk accepts a
// matter at the window desk and opens the printable receipt; the test reads the URL the receipt
// prints beside its QR code, checks that the QR image encodes exactly that URL (module by module,
// against the same encoder), and follows it in a fresh anonymous browser context, where the
// resident rates the window service. The clerk's own session is refused with the same token, a
// second rating is refused, and the county leader's 窗口评价 page counts the rating and lists its
// comment. The suggestion box takes an anonymous entry on a phone and the leader answers it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import QRCode from 'qrcode'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { CLERK, LEADER, ADMIN, call, clerkHousehold, chooseWindowHousehold } from './matters-helpers.mjs'

// The dark modules of the QR image `selector` shows, read from its pixels the way the qrcode
// package draws them (margin 1, the width it was asked for), compared with `text` encoded again.
async function assertQrEncodes(page, selector, text) {
  const expected = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const n = expected.size
  const seen = await page.locator(selector).evaluate(async (img, size) => {
    if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }))
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const ctx = canvas.getContext('2d')
    ctx.drawImage(img, 0, 0)
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    const scale = canvas.width / (size + 2)
    const dark = []
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const x = Math.floor(scale + (c + 0.5) * scale)
        const y = Math.floor(scale + (r + 0.5) * scale)
        dark.push(data[(y * canvas.width + x) * 4] < 128 ? 1 : 0)
      }
    }
    return dark
  }, n)
  assert.equal(seen.length, n * n)
  let differ = 0
  for (let i = 0; i < n * n; i++) if (seen[i] !== (expected.data[i] ? 1 : 0)) differ++
  assert.equal(differ, 0, `the receipt's QR code does not encode ${text}`)
}

describe('window ratings from the receipt QR code', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('a resident rates the window service once from the receipt; the clerk cannot; the leader sees it', async () => {
    requireServer()
    const hh = await clerkHousehold(2)
    const stamp = Date.now().toString(36)
    const comment = `窗口服务热情周到 ${stamp}`

    // 1. The clerk accepts a matter at the window desk and opens the printable receipt.
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/window')
    await field(clerk, 'window-lookup').waitFor()
    await chooseWindowHousehold(clerk, hh)
    const contentBox = clerk.locator('textarea[data-testid="matter-content"], [data-testid="matter-content"] textarea').first()
    await contentBox.fill(`咨询城乡居民医保缴费标准和办理地点 ${stamp}`)
    const created = clerk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' && r.request().method() === 'POST')
    await contentBox.press('Control+Enter')
    const createdRes = await created
    const createdBody = await createdRes.json()
    assert.equal(createdRes.status(), 201, JSON.stringify(createdBody))
    const number = createdBody.matter.number
    await clerk.locator('[data-testid="receipt-print"]').waitFor()
    const [receipt] = await Promise.all([
      clerk.context().waitForEvent('page'),
      clerk.locator('[data-testid="receipt-print"]').click(),
    ])
    await receipt.locator('[data-testid="receipt-page-qr"]').waitFor()
    const qrUrl = (await receipt.locator('[data-testid="receipt-page-url"]').innerText()).trim()
    assert.match(qrUrl, new RegExp(`/p/${number}\\?t=.+`))
    await assertQrEncodes(receipt, '[data-testid="receipt-page-qr"]', qrUrl)
    await shot(receipt, 'window-rating-receipt')

    // 2. A fresh anonymous browser (the resident's phone) follows the QR link and rates.
    const target = new URL(qrUrl)
    const resident = await newPage(browser)
    await resident.setViewportSize({ width: 390, height: 844 })
    await resident.goto(target.pathname + target.search)
    const form = resident.locator('[data-testid="rate-form"]')
    await form.waitFor()
    const me = (await call(CLERK, 'GET', '/auth/me')).body.user
    assert.equal((await resident.locator('[data-testid="rate-clerk"]').innerText()).trim(), me.display_name)
    assert.ok((await form.innerText()).includes('评价本次窗口服务'))
    await resident.locator('[data-testid="rate-star-4"]').click()
    await resident.locator('[data-testid="rate-comment"]').fill(comment)
    const rated = resident.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/public/window-ratings/') && r.request().method() === 'POST')
    await resident.locator('[data-testid="rate-submit"]').click()
    const ratedRes = await rated
    assert.equal(ratedRes.status(), 201, await ratedRes.text())
    await resident.locator('[data-testid="rate-thanks"]').waitFor()
    await shot(resident, 'window-rating-rated')
    const token = new URL(ratedRes.url()).pathname.split('/').pop()

    // 3. A second rating is refused: the page says so, and the API refuses it with its code.
    const again = await newPage(browser)
    await again.goto(target.pathname + target.search)
    await again.locator('[data-testid="rate-already"]').waitFor()
    await again.context().close()
    const second = await fetch(`${BASE}/api/v1/public/window-ratings/${token}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stars: 1 }),
    })
    assert.equal(second.status, 409)
    assert.equal((await second.json()).error.code, 'rating.already_rated')
    // The clerk, holding the token, is refused for their own session before anything else.
    const own = await call(CLERK, 'POST', `/public/window-ratings/${token}`, { stars: 5 })
    assert.equal(own.status, 403, JSON.stringify(own.body))
    assert.equal(own.body.error.code, 'rating.own_service')
    // The administrator has no route that changes or deletes a rating.
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await call(ADMIN, method, `/public/window-ratings/${token}`, { stars: 5 })
      assert.ok(r.status === 404 || r.status === 405, `${method}: ${r.status}`)
    }
    await clerk.context().close()

    // 4. The leader's 窗口评价 page counts it and lists the comment.
    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto('/window-ratings')
    await leader.locator('[data-testid="ratings-details"]').getByText(comment).waitFor()
    const count = Number((await leader.locator('[data-testid="ratings-total-count"]').innerText()).trim())
    assert.ok(count >= 1, `the total counts ${count}`)
    const clerkRow = leader.locator('[data-testid="ratings-clerks"] .el-table__row').first()
    assert.ok((await clerkRow.innerText()).length > 0)
    await shot(leader, 'window-rating-stats')
    await leader.context().close()
  })

  it('the window tablet signed in as the clerk offers the latest service and records the rating as the resident', async () => {
    requireServer()
    const hh = await clerkHousehold(3)
    const stamp = Date.now().toString(36)
    const tablet = await newPage(browser)
    await tablet.setViewportSize({ width: 1024, height: 768 })
    await login(tablet, CLERK)
    // The clerk serves the next caller at the desk (through the API here).
    const accepted = await call(CLERK, 'POST', '/matters', { type: 'help', channel: 'window', household_id: hh.id, content: `办理临时救助申请 ${stamp}` })
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body))
    await tablet.goto('/window/rater')
    await tablet.locator('[data-testid="rate-form"]').waitFor()
    await tablet.locator('[data-testid="rate-star-5"]').click()
    await tablet.locator('[data-testid="rate-comment"]').fill(`评价器 ${stamp}`)
    await tablet.locator('[data-testid="rate-submit"]').click()
    // Sent without the tablet's session: the clerk's own login would have been refused.
    await tablet.locator('[data-testid="rate-thanks"]').waitFor()
    await shot(tablet, 'window-rating-tablet')
    await tablet.context().close()
    const counted = await call(LEADER, 'GET', '/window-ratings?page_size=50')
    const row = (counted.body.items || []).find((r) => r.comment === `评价器 ${stamp}`)
    assert.ok(row, 'the tablet rating is not listed')
    assert.equal(row.channel, 'tablet')
    assert.equal(row.matter_id, accepted.body.matter.id)
  })

  it('the suggestion box takes an anonymous entry on a phone and the leader answers it', async () => {
    requireServer()
    const stamp = Date.now().toString(36)
    const text = `建议大厅增加老年人座椅和老花镜 ${stamp}`
    const phone = await newPage(browser)
    await phone.setViewportSize({ width: 390, height: 844 })
    await phone.goto('/suggest/all')
    const select = phone.locator('[data-testid="suggest-centre"]')
    await select.waitFor()
    const firstCentre = await select.locator('option:not([disabled])').first().getAttribute('value')
    await select.selectOption(firstCentre)
    await phone.locator('[data-testid="suggest-content"]').fill(text)
    await phone.locator('[data-testid="suggest-submit"]').click()
    await phone.locator('[data-testid="suggest-thanks"]').waitFor()
    await shot(phone, 'suggestion-box')
    await phone.context().close()

    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto('/suggestions')
    const row = leader.locator('[data-testid="suggestions-table"] .el-table__row', { hasText: stamp })
    await row.waitFor()
    await row.locator('[data-testid^="suggestion-answer-"]').click()
    const note = leader.locator('textarea[data-testid="suggestion-note"], [data-testid="suggestion-note"] textarea').first()
    await note.fill('已采纳，本周内增设')
    await leader.locator('[data-testid="suggestion-save"]').click()
    await row.getByText('已答复').waitFor()
    await shot(leader, 'suggestion-list')
    await leader.context().close()
  })
})
