// Issue 11's first forgery, from the handler's point of view: the civil-affairs handler replies to
// a matter, finds no token link on the staff page, takes the token from the intake receipt (the
// clerk's API intake) and tries to confirm 已解决 + 5 stars on the public page without a code. It is
// refused with a message that says which proof is needed, and the unit's rates do not move. The
// resident then signs off with the SMS code (read from the development outbox) on a 390 px phone,
// and the public page, the staff page and the timeline show which proof the closure carries.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { ADMIN, CLERK, HANDLER, ok, civilAffairs, civilCategory, clerkHousehold, unitRates, lastSmsCode, timelineWith } from './matters-helpers.mjs'

describe('sign-off needs a proof the handler does not hold', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('refuses the handler on the public page and accepts the resident with the SMS code', async () => {
    requireServer()
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const hh = await clerkHousehold(1)
    const stamp = Date.now().toString(36)
    const accepted = await ok(CLERK, 'POST', '/matters', {
      type: 'help', channel: 'window', household_id: hh.id, category_id: category.id,
      caller_phone: '13912345678', content: `申请临时救助，家中失火 ${stamp}`,
    })
    const matter = accepted.matter
    const { number, token } = accepted.receipt
    assert.ok(token, 'the intake receipt carries the token')
    await ok(CLERK, 'POST', `/matters/${matter.id}/dispatch`, { unit_id: unit.id })
    await ok(HANDLER, 'POST', `/matters/${matter.id}/accept`)
    const before = await unitRates(ADMIN, unit.id)

    // 1. The handler replies on the matter page, which carries no token and no link with it.
    const handler = await newPage(browser)
    await login(handler, HANDLER)
    await handler.goto(`/matters/${matter.id}`)
    await handler.locator('[data-testid="act-reply"]').click()
    await handler.locator('textarea[data-testid="reply-text"], [data-testid="reply-text"] textarea').first().fill(`已发放临时救助金 ${stamp}`)
    await handler.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await handler.locator('[data-testid="matter-status"]', { hasText: '已答复' }).waitFor()
    const html = await handler.content()
    assert.ok(!html.includes(token), 'the staff page carries the token')
    assert.equal(await handler.locator('a[href*="/p/"]').count(), 0, 'the staff page links to the public page')
    assert.equal(await handler.locator('[data-testid="act-callback"]').count(), 0, 'the handler is offered a callback')
    assert.equal(await handler.locator('[data-testid="act-confirm-code"]').count(), 0, 'the handler is offered to type in a code')
    await handler.locator('[data-testid="matter-public-preview-link"]').click()
    const preview = handler.locator('[data-testid="public-preview"]').filter({ visible: true })
    await preview.locator('[data-testid="preview-status"]', { hasText: '已答复' }).waitFor()
    assert.ok(!(await preview.innerText()).includes(token), 'the preview shows the token')
    await shot(handler, 'signoff-handler-preview')
    await handler.keyboard.press('Escape')

    // 2. With the token from the receipt, the handler tries 已解决 + 5 stars without a code.
    await handler.goto(`/p/${encodeURIComponent(number)}?t=${encodeURIComponent(token)}`)
    await handler.locator('[data-testid="public-signoff"]').waitFor()
    const hint = (await handler.locator('[data-testid="public-proof-hint"]').innerText()).trim()
    assert.match(hint, /短信验证码/)
    await handler.locator('[data-testid="public-solved"]').click()
    await handler.locator('[data-testid="public-star-5"]').click()
    const refused = handler.waitForResponse((r) => r.url().includes(`/public/matters/${number}/confirm`))
    await handler.locator('[data-testid="public-submit"]').click()
    const answer = await refused
    assert.equal(answer.status(), 403, await answer.text())
    assert.equal((await answer.json()).error.code, 'sign_off.proof_required')
    const message = (await handler.locator('[data-testid="public-submit-error"]').innerText()).trim()
    assert.match(message, /短信验证码/)
    assert.match(message, /139\*{4}5678/)
    await handler.locator('[data-testid="public-status"]', { hasText: '已答复' }).waitFor()
    await shot(handler, 'signoff-handler-refused')
    const still = await ok(ADMIN, 'GET', `/matters/${matter.id}`)
    assert.equal(still.matter.status, 'replied')
    const unchanged = await unitRates(ADMIN, unit.id)
    for (const k of ['rated', 'solved', 'satisfied']) {
      assert.equal(unchanged.counters[k] || 0, before.counters[k] || 0, `counter ${k} moved on a refused sign-off`)
    }

    // 3. The resident, on a phone, gets the code and signs off.
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })
    const resident = await context.newPage()
    resident.setDefaultTimeout(15000)
    await resident.goto(`/p/${encodeURIComponent(number)}?t=${encodeURIComponent(token)}`)
    await resident.locator('[data-testid="public-signoff"]').waitFor()
    await resident.locator('[data-testid="public-get-code"]').click()
    await resident.locator('[data-testid="public-code-sent"]').waitFor()
    const code = await lastSmsCode(matter.id, number)
    await field(resident, 'public-code').fill(code)
    await resident.locator('[data-testid="public-solved"]').click()
    await resident.locator('[data-testid="public-star-5"]').click()
    const width = await resident.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 391, `the public page is ${width}px wide on a 390px phone`)
    await shot(resident, 'signoff-resident-phone')
    await resident.locator('[data-testid="public-submit"]').click()
    await resident.locator('[data-testid="public-thanks"]').waitFor()
    await resident.locator('[data-testid="public-status"]', { hasText: '已办结' }).waitFor()
    await resident.locator('[data-testid="public-proof"]', { hasText: '短信验证码' }).waitFor()
    await resident.locator('[data-testid="public-timeline"]').getByText('凭短信验证码').first().waitFor()
    await shot(resident, 'signoff-resident-done')
    await context.close()

    // 4. The staff page and its timeline say which proof the closure carries.
    await handler.goto(`/matters/${matter.id}`)
    await handler.locator('[data-testid="matter-proof"]', { hasText: '短信验证码' }).waitFor()
    await timelineWith(handler, '凭短信验证码')
    await shot(handler, 'signoff-matter-proof')
    await handler.context().close()
    const after = await unitRates(ADMIN, unit.id)
    assert.equal((after.counters.rated || 0) - (before.counters.rated || 0), 1)
  })
})
