// Messages that reach people (issue 15), in the browser:
// (a) the civil-affairs handler's bell counts a matter the clerk dispatches to the unit in another
//     session, live (the page is not reloaded), with a toast; the bell's list opens the matter and
//     marks the message read; on a 390 px phone the bell's list fits the screen;
// (b) the administrator's SMS outbox lists a message (a code texted from a contact card page) and
//     shows its history; a switch of the notification rules is saved and still set after a reload.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { ADMIN, HANDLER, ok, list, civilAffairs, civilCategory, clerkHousehold, dispatchedMatter } from './matters-helpers.mjs'
import { phonePage, pageErrors, cardCode, unknownPhone, nowEpoch, publicPost } from './messages-helpers.mjs'

const bell = (page) => page.locator('[data-testid="bell"]')
const bellCount = async (page) => Number((await page.locator('[data-testid="bell-count"]').getAttribute('data-count')) || 0)

describe('messages: the bell, the message centre, the SMS outbox and the notification rules', { timeout: 300000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('(a) the handler\'s bell counts a dispatch made in another session without a reload, and opens the matter', async () => {
    requireServer()
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const hh = await clerkHousehold()

    const page = await newPage(browser)
    const errors = pageErrors(page)
    await login(page, HANDLER)
    // The live feed has answered once (the count at connect time).
    await page.locator('[data-testid="bell"][data-mode="live"]').waitFor({ timeout: 20000 })
    const before = await bellCount(page)
    await page.evaluate(() => { window.__sameDocument = true })

    // The clerk, through the API (another session), dispatches a new matter to the handler's unit.
    const stamp = Date.now().toString(36)
    const matter = await dispatchedMatter({ household_id: hh.id, category_id: category.id, content: `消息提醒测试：路灯不亮 ${stamp}` }, unit.id)

    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="bell-count"]')?.getAttribute('data-count') || 0) > n,
      before, { timeout: 30000 },
    )
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded')
    // A toast says so while the page is open.
    await page.locator('.mq-toast').first().waitFor({ timeout: 10000 })
    await shot(page, 'messages-bell-count')

    // The handler's own message about this matter (the API names its id).
    const mine = list(await ok(HANDLER, 'GET', '/notifications?page_size=20'))
    const note = mine.find((n) => String(n.object_id) === String(matter.id) || n.link === `/matters/${matter.id}`)
    assert.ok(note, `no notification of matter ${matter.id} for the handler: ${JSON.stringify(mine.slice(0, 3))}`)
    assert.equal(note.read_at ?? null, null)

    await bell(page).click()
    await page.locator('[data-testid="bell-list"]').waitFor()
    const item = page.locator(`[data-testid="bell-item-${note.id}"]`)
    await item.waitFor()
    assert.equal(await item.getAttribute('data-read'), 'false')
    await shot(page, 'messages-bell-list')
    const counted = await bellCount(page)
    await item.click()
    await page.waitForURL(new RegExp(`/matters/${matter.id}$`))
    await page.locator('[data-testid="matter-status"]').waitFor()
    // Marked read: the count fell and the server agrees.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="bell-count"]')?.getAttribute('data-count') || 0) < n,
      counted, { timeout: 10000 },
    )
    const unread = list(await ok(HANDLER, 'GET', '/notifications?unread=true&page_size=100'))
    assert.ok(!unread.some((n) => n.id === note.id), 'the opened message is still unread')

    // The message centre lists it, read; 全部已读 empties the unread tab.
    await page.goto('/messages')
    await page.locator(`[data-testid="message-${note.id}"][data-read="true"]`).waitFor()
    await page.locator('[data-testid="messages-tab-unread"]').click()
    await page.locator(`[data-testid="message-${note.id}"]`).waitFor({ state: 'detached' })
    if (await bellCount(page) > 0) {
      await page.locator('[data-testid="messages-read-all"]').click()
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="bell-count"]')?.getAttribute('data-count') || 0) === 0)
      assert.equal((await ok(HANDLER, 'GET', '/notifications/unread-count')).unread, 0)
    }
    await shot(page, 'messages-centre')
    assert.deepEqual(errors, [])
    await page.context().close()

    // On a 390 px phone the bell and its list fit the screen.
    const phone = await phonePage(browser)
    const phoneErrors = pageErrors(phone)
    await login(phone, HANDLER)
    await bell(phone).click()
    const panel = phone.locator('[data-testid="bell-list"]')
    await panel.waitFor()
    await phone.locator('[data-testid="bell-read-all"]').waitFor()
    await phone.waitForTimeout(400)
    const box = await panel.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the bell's list leaves the screen: ${JSON.stringify(box)}`)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`)
    await shot(phone, 'messages-bell-phone')
    assert.deepEqual(phoneErrors, [])
    await phone.context().close()
  })

  it('(b) the administrator\'s outbox lists a message and its history; a notification rule is saved and persists', async () => {
    requireServer()
    // A message in the outbox: a code texted to a fresh number from a contact card page.
    const phone = unknownPhone('139')
    const since = nowEpoch()
    const sent = await publicPost('/public/phone-codes', { phone, purpose: 'report', card_code: await cardCode() })
    assert.equal(sent.status, 202, `POST /public/phone-codes: ${JSON.stringify(sent.body)}`)
    // The sender hands it over (the development gateway accepts at once).
    let row = null
    for (let i = 0; i < 50 && !(row && row.state !== 'queued'); i++) {
      row = list(await ok(ADMIN, 'GET', `/sms/outbox?phone=${phone}`))[0] || null
      if (!(row && row.state !== 'queued')) await new Promise((resolve) => setTimeout(resolve, 300))
    }
    assert.ok(row, `no outbox row for ${phone}`)
    assert.ok(row.created_at >= since - 5)

    const page = await newPage(browser)
    const errors = pageErrors(page)
    await login(page, ADMIN)
    await page.goto('/system/sms')
    await page.locator('[data-testid="sms-status"]').waitFor()
    await page.locator('[data-testid="sms-provider"], [data-testid="sms-provider-none"]').first().waitFor()
    await page.locator('[data-testid="sms-table"]').waitFor()
    await field(page, 'sms-filter-phone').fill(phone)
    await page.locator('[data-testid="sms-search"]').click()
    await page.locator(`[data-testid="sms-row-${row.id}"]`).waitFor()
    const stateTag = (await page.locator(`[data-testid="sms-state-${row.id}"]`).innerText()).trim()
    assert.ok(['待发送', '已发送', '发送失败', '已送达'].includes(stateTag), `state shown as ${stateTag}`)
    await shot(page, 'messages-sms-outbox')

    await page.locator(`[data-testid="sms-history-${row.id}"]`).click()
    const dialog = page.locator('[data-testid="sms-dialog"]').filter({ visible: true })
    await dialog.waitFor()
    const history = dialog.locator('[data-testid="sms-history-list"]')
    await history.waitFor()
    assert.ok(await history.locator('[data-testid^="sms-event-"]').count() >= 1, 'the message has no history')
    assert.ok((await dialog.locator('[data-testid="sms-dialog-text"]').innerText()).trim().length > 0)
    await shot(page, 'messages-sms-history')
    await page.locator('[data-testid="sms-dialog-close"]').click()
    await dialog.waitFor({ state: 'hidden' })

    // The notification rules: flip the in-app switch of 联系户变动, save, reload: still flipped; then
    // flip it back so that other tests see the defaults.
    const rule = 'network_change'
    const sw = `[data-testid="rule-${rule}-enabled"]`
    const checked = async () => /\bis-checked\b/.test((await page.locator(sw).getAttribute('class')) || '')
    const flipAndSave = async () => {
      await page.locator(sw).click()
      const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/settings/notification-rules' && r.request().method() === 'PUT')
      await page.locator('[data-testid="rules-save"]').click()
      const res = await saved
      assert.equal(res.status(), 200, `PUT notification-rules: ${await res.text()}`)
    }
    await page.goto('/system/notification-rules')
    await page.locator(sw).waitFor()
    const was = await checked()
    // SMS switches follow sms_available.
    const rules = (await ok(ADMIN, 'GET', '/settings/notification-rules')).rules
    for (const r of rules) {
      const cls = (await page.locator(`[data-testid="rule-${r.rule}-sms"]`).getAttribute('class')) || ''
      assert.equal(/\bis-disabled\b/.test(cls), r.sms_available === false, `${r.rule}: SMS switch disabled ≠ !sms_available`)
    }
    await flipAndSave()
    await page.reload()
    await page.locator(sw).waitFor()
    assert.equal(await checked(), !was, 'the saved switch did not persist')
    assert.equal((await ok(ADMIN, 'GET', '/settings/notification-rules')).rules.find((r) => r.rule === rule).enabled, !was)
    await shot(page, 'messages-rules')
    await flipAndSave()
    await page.reload()
    await page.locator(sw).waitFor()
    assert.equal(await checked(), was)
    assert.deepEqual(errors, [])
    await page.context().close()
  })
})
