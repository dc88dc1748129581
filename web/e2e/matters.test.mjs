// The matters pipeline end to end: the clerk accepts a matter at the window and dispatches it,
// the civil-affairs handler signs for it and replies from the inbox, the resident confirms it on
// the public page (no login), and the unit's three-rate counters move.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { ADMIN, CLERK, HANDLER, LEADER, ok, call, list, civilAffairs, civilCategory, unitRates, pickOption, lastSmsCode, chooseWindowHousehold } from './matters-helpers.mjs'

describe('matters: window → inbox → public sign-off → three rates', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('runs the whole pipeline in the browser', async () => {
    requireServer()
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    assert.ok(category, 'no category to file the matter under')
    const before = await unitRates(ADMIN, unit.id)

    // A household of the clerk's township (the clerk's own scope) whose head has a phone: the
    // resident signs off with the code sent to it (the receipt's link alone does not).
    let hh = null
    for (const h of list(await ok(CLERK, 'GET', '/households?page_size=20'))) {
      const detail = await ok(CLERK, 'GET', `/households/${h.id}`)
      if (((detail.members || [])[0] || {}).phone_masked) { hh = h; break }
    }
    assert.ok(hh, 'the clerk sees no household whose head has a phone')
    const stamp = Date.now().toString(36)
    const content = `${hh.head_name}家申请低保救助，家中老人常年卧病，收入困难，请尽快核实办理。编号 ${stamp}`
    const internalNote = `内部核查记录${stamp}`
    const replyText = `经核实，已为${hh.head_name}家办理低保，自下月起发放。`

    // 1. The clerk accepts the matter at the window desk.
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/window')
    const lookup = field(clerk, 'window-lookup')
    await lookup.waitFor()
    assert.ok(await lookup.evaluate((el) => el === document.activeElement), 'the look-up box is not focused')
    await chooseWindowHousehold(clerk, hh)
    await clerk.locator('[data-testid="window-members"]').waitFor()

    const contentBox = clerk.locator('textarea[data-testid="matter-content"], [data-testid="matter-content"] textarea').first()
    const previewed = clerk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters/intake-preview' && new URL(r.url()).searchParams.get('text'))
    await contentBox.fill(content)
    await previewed
    // Pick the category: the suggestion chip if the text suggested it, else through the tree.
    const chip = clerk.locator(`[data-testid="suggest-${category.id}"]`)
    if (await chip.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
      await chip.click()
    } else {
      await clerk.locator('[data-testid="matter-category"]').first().click()
      await clerk.keyboard.type(category.name)
      await clerk.locator(`[data-testid="cat-${category.id}"]`).filter({ visible: true }).first().click()
    }
    await shot(clerk, 'window-desk')

    const created = clerk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' && r.request().method() === 'POST')
    await contentBox.press('Control+Enter')
    const createdRes = await created
    const createdBody = await createdRes.json()
    assert.equal(createdRes.status(), 201, `POST /matters: ${JSON.stringify(createdBody)}`)
    const matter = createdBody.matter
    assert.equal(matter.category_id, category.id)
    const number = (await clerk.locator('[data-testid="receipt-number"]').innerText()).trim()
    assert.equal(number, matter.number)
    await clerk.locator('[data-testid="receipt-qr"]').waitFor()
    const publicUrl = (await clerk.locator('[data-testid="receipt-public-url"]').innerText()).trim()
    assert.match(publicUrl, new RegExp(`/p/${number}\\?t=.+`))
    await shot(clerk, 'receipt')

    // The printable receipt page, opened from the intake with the token in the fragment (staff
    // pages carry no token).
    await clerk.goto(`/matters/${matter.id}/receipt#t=${encodeURIComponent(createdBody.receipt.token)}`)
    assert.equal((await clerk.locator('[data-testid="receipt-page-number"]').innerText()).trim(), number)
    await clerk.locator('[data-testid="receipt-page-qr"]').waitFor()
    await shot(clerk, 'receipt-page')

    // 2. The clerk dispatches it to the civil-affairs bureau.
    await clerk.goto(`/matters/${matter.id}`)
    await clerk.locator('[data-testid="act-dispatch"]').click()
    await pickOption(clerk, 'dispatch-unit', `dispatch-unit-opt-${unit.id}`)
    await clerk.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await clerk.locator('[data-testid="matter-status"]', { hasText: '已派单' }).waitFor()
    assert.equal((await clerk.locator('[data-testid="matter-unit"]').innerText()).trim(), unit.name)
    await clerk.context().close()

    // 3. The handler finds it in the inbox, signs for it, notes internally and replies.
    const handler = await newPage(browser)
    await login(handler, HANDLER)
    await handler.goto('/inbox')
    await handler.locator('[data-testid="inbox-table"]').waitFor()
    // The demo unit has many open matters: find ours with the full-text box.
    const inboxQ = field(handler, 'inbox-q')
    await inboxQ.fill(stamp)
    await inboxQ.press('Enter')
    await handler.locator(`[data-testid="matter-row-${matter.id}"]`).waitFor()
    await shot(handler, 'inbox')
    await handler.locator(`[data-testid="inbox-accept-${matter.id}"]`).click()
    await handler.locator(`[data-testid="matter-status-${matter.id}"]`, { hasText: '办理中' }).waitFor()
    await handler.locator(`[data-testid="inbox-reply-${matter.id}"]`).click()
    await handler.waitForURL(new RegExp(`/matters/${matter.id}`))
    // Reply dialog opens by itself (?action=reply); first add an internal step.
    const replyBox = handler.locator('textarea[data-testid="reply-text"], [data-testid="reply-text"] textarea').first()
    await replyBox.waitFor()
    await handler.keyboard.press('Escape')
    await replyBox.waitFor({ state: 'hidden' })
    await handler.locator('[data-testid="act-step"]').click()
    await handler.locator('textarea[data-testid="step-text"], [data-testid="step-text"] textarea').first().fill(internalNote)
    await handler.locator('[data-testid="step-internal"]').click()
    await handler.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await handler.locator('[data-testid="event-internal"]').first().waitFor()
    await handler.locator('[data-testid="act-reply"]').click()
    await replyBox.fill(replyText)
    await handler.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await handler.locator('[data-testid="matter-status"]', { hasText: '已答复' }).waitFor()
    assert.equal((await handler.locator('[data-testid="matter-reply"]').innerText()).trim(), replyText)
    await handler.locator('[data-testid="matter-timeline"]').waitFor()
    await shot(handler, 'matter-page')
    await handler.context().close()

    // 4. The resident opens the receipt's link (no login) and confirms: solved, 5 stars.
    const resident = await newPage(browser)
    const u = new URL(publicUrl)
    await resident.goto(u.pathname + u.search)
    await resident.locator('[data-testid="public-status"]').waitFor()
    assert.equal((await resident.locator('[data-testid="public-number"]').innerText()).trim(), number)
    assert.equal((await resident.locator('[data-testid="public-reply"]').innerText()).trim(), replyText)
    const timeline = await resident.locator('[data-testid="public-timeline"]').innerText()
    assert.ok(!timeline.includes(internalNote), 'the public timeline shows an internal note')
    assert.equal(await resident.locator('[data-testid="layout"], [data-testid="side-nav"]').count(), 0, 'the public page shows the staff layout')
    await resident.locator('[data-testid="public-solved"]').click()
    await resident.locator('[data-testid="public-star-5"]').click()
    await resident.locator('[data-testid="public-comment"]').fill('办得很快，谢谢！')
    await shot(resident, 'public-page')
    const confirmed = resident.waitForResponse((r) => r.url().includes(`/public/matters/${number}/confirm`))
    await resident.locator('[data-testid="public-submit"]').click()
    const first = await confirmed
    if (first.status() >= 400) {
      // The server wants the one-time code: ask for it and read it from the development outbox.
      await resident.locator('[data-testid="public-get-code"]').click()
      await resident.locator('[data-testid="public-code-sent"]').waitFor()
      const code = await lastSmsCode(matter.id, number)
      await resident.locator('[data-testid="public-code"]').fill(code)
      const again = resident.waitForResponse((r) => r.url().includes(`/public/matters/${number}/confirm`))
      await resident.locator('[data-testid="public-submit"]').click()
      const second = await again
      assert.ok(second.status() < 300, `confirm with code → ${second.status()} ${await second.text()}`)
    }
    await resident.locator('[data-testid="public-thanks"]').waitFor()
    await resident.locator('[data-testid="public-status"]', { hasText: '已办结' }).waitFor()
    await shot(resident, 'public-page-thanks')
    await resident.context().close()

    const after = await ok(ADMIN, 'GET', `/matters/${matter.id}`)
    assert.equal(after.matter.status, 'closed')
    assert.equal(after.matter.solved, true)
    assert.equal(after.matter.rating, 5)

    // 5. The three rates moved for the unit; the leader's dashboard draws.
    const now = await unitRates(LEADER, unit.id)
    const c0 = before.counters || {}
    const c1 = now.counters || {}
    for (const k of ['received', 'responded', 'rated', 'solved', 'satisfied']) {
      assert.equal((c1[k] || 0) - (c0[k] || 0), 1, `counter ${k} of ${unit.name}: ${c0[k] || 0} → ${c1[k] || 0}`)
    }
    assert.ok(now.satisfaction_rate !== null && now.satisfaction_rate !== undefined, 'no satisfaction rate')

    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto('/dashboard')
    await leader.locator('[data-testid="chart-volumes"] canvas').waitFor()
    await leader.locator('[data-testid="chart-rates"] canvas').waitFor()
    const unitsTable = leader.locator('[data-testid="dashboard-units"]')
    await unitsTable.getByText(unit.name).first().waitFor()
    await leader.waitForTimeout(1500) // let the charts finish their entry animation
    await shot(leader, 'dashboard')
    const d = await call(LEADER, 'GET', '/dashboard')
    assert.equal(d.status, 200, `GET /dashboard: ${JSON.stringify(d.body)}`)
    await leader.context().close()
  })
})
