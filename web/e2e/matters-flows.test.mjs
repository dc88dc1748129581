// The matter flows beyond the main pipeline, each driven through the UI (set-up through the API):
// transfer and return with their reasons in the timeline; merging a duplicate at the window desk
// and closing it with its target; closing a consultation on the spot; attachment upload and
// download; supervision with a due date; a recorded callback by staff who did not handle the
// matter; a make-up workday added and deleted on the calendar page; booking a holiday slot; an
// errand's documents received → returned; exporting the filtered list and the three rates to Excel.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { requireServer, launch, newPage, login, shot, field, ASSISTANT } from './helpers.mjs'
import {
  ADMIN, CLERK, HANDLER, LEADER, ok, call, list, civilAffairs, civilCategory, pickOption,
  clerkHousehold, acceptMatter, dispatchedMatter, timelineWith, submitDialogExpecting, tinyPng, nextSaturday, chooseWindowHousehold,
} from './matters-helpers.mjs'

describe('matters: transfer, return, merge, on-the-spot, attachments, supervision, callback, calendar, appointments, errands', { timeout: 300000 }, () => {
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
  const base = () => ({ household_id: hh.id, category_id: category.id })

  it('transfers with a reason and returns (退单) with a reason, both in the timeline', async () => {
    requireServer()
    const other = list(await ok(ADMIN, 'GET', '/units')).find((u) => u.id !== unit.id)
    assert.ok(other, 'no second unit to transfer to')
    const toMove = await dispatchedMatter({ ...base(), content: `转办测试 ${stamp}` }, unit.id, true)
    const toReturn = await dispatchedMatter({ ...base(), content: `退单测试 ${stamp}` }, unit.id)
    const page = await newPage(browser)
    await login(page, HANDLER)

    await page.goto(`/matters/${toMove.id}`)
    await page.locator('[data-testid="act-transfer"]').click()
    await pickOption(page, 'dispatch-unit', `dispatch-unit-opt-${other.id}`)
    const transferReason = `不属本单位职责，转${other.name} ${stamp}`
    await page.locator('textarea[data-testid="action-reason"], [data-testid="action-reason"] textarea').first().fill(transferReason)
    await submitDialogExpecting(page, `/api/v1/matters/${toMove.id}/transfer`)
    await timelineWith(page, transferReason)
    const moved = await ok(ADMIN, 'GET', `/matters/${toMove.id}`)
    assert.equal(moved.matter.unit_id, other.id)
    assert.equal(moved.matter.first_unit_id, unit.id, 'the first unit stays responsible in the record')
    await shot(page, 'flows-transfer')

    await page.goto(`/matters/${toReturn.id}`)
    await page.locator('[data-testid="act-return"]').click()
    const returnReason = `诉求信息不全，请补充地址 ${stamp}`
    await page.locator('textarea[data-testid="action-reason"], [data-testid="action-reason"] textarea').first().fill(returnReason)
    await submitDialogExpecting(page, `/api/v1/matters/${toReturn.id}/return`)
    await timelineWith(page, returnReason)
    await page.locator('[data-testid="matter-status"]', { hasText: '已受理' }).waitFor()
    await shot(page, 'flows-return')
    await page.context().close()
  })

  it('merges a duplicate at the window desk; it closes with its target', async () => {
    requireServer()
    const content = `小区门口路灯坏了一个月，晚上很黑，老人出门不方便 ${stamp}`
    const target = await acceptMatter({ ...base(), content })
    const page = await newPage(browser)
    await login(page, CLERK)
    await page.goto('/window')
    await chooseWindowHousehold(page, hh)
    const box = page.locator('textarea[data-testid="matter-content"], [data-testid="matter-content"] textarea').first()
    await box.fill(`小区门口路灯坏了，晚上很黑 ${stamp}`)
    const mergeBtn = page.locator(`[data-testid="merge-into-${target.id}"]`)
    await mergeBtn.waitFor()
    assert.match(await mergeBtn.innerText(), /合并到此诉求/)
    await mergeBtn.click()
    await shot(page, 'flows-window-merge')
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' && r.request().method() === 'POST')
    await box.press('Control+Enter')
    const res = await created
    const body = await res.json()
    assert.equal(res.status(), 201, JSON.stringify(body))
    const dup = body.matter
    assert.equal(dup.status, 'merged')
    assert.equal(dup.merged_into_id, target.id)
    await page.context().close()

    // The target is handled and confirmed by a recorded callback: the duplicate closes with it.
    await ok(CLERK, 'POST', `/matters/${target.id}/dispatch`, { unit_id: unit.id })
    await ok(HANDLER, 'POST', `/matters/${target.id}/accept`)
    await ok(HANDLER, 'POST', `/matters/${target.id}/reply`, { text: '路灯已修好' })
    await ok(LEADER, 'POST', `/matters/${target.id}/callback`, { solved: true, rating: 5, comment: '' })
    const after = await ok(ADMIN, 'GET', `/matters/${dup.id}`)
    assert.equal(after.matter.status, 'closed')
    assert.equal(after.matter.solved, true)

    // The target's page lists the duplicate.
    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto(`/matters/${target.id}`)
    const merged = leader.locator('[data-testid="merged-matters"]')
    await merged.getByText(dup.number).waitFor()
    await shot(leader, 'flows-merged-list')
    await leader.context().close()
  })

  it('closes a consultation on the spot (一次性办结)', async () => {
    requireServer()
    const m = await acceptMatter({ ...base(), type: 'consultation', content: `咨询低保申请需要哪些材料 ${stamp}` })
    const page = await newPage(browser)
    await login(page, CLERK)
    await page.goto(`/matters/${m.id}`)
    await page.locator('[data-testid="act-close-on-spot"]').click()
    await page.locator('textarea[data-testid="reply-text"], [data-testid="reply-text"] textarea').first().fill('需身份证、户口本和收入证明，已当面告知。')
    await page.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await page.locator('[data-testid="matter-status"]', { hasText: '已办结' }).waitFor()
    await page.locator('[data-testid="event-closed_on_spot"], [data-testid^="event-"]').first().waitFor()
    await shot(page, 'flows-close-on-spot')
    await page.context().close()
  })

  it('uploads an attachment and downloads it; supervises with a due date; records a callback', async () => {
    requireServer()
    const m = await dispatchedMatter({ ...base(), content: `附件与督办测试 ${stamp}` }, unit.id, true)
    const page = await newPage(browser)
    await login(page, HANDLER)
    await page.goto(`/matters/${m.id}`)
    const png = tinyPng()
    const uploaded = page.waitForResponse((r) => r.url().includes(`/matters/${m.id}/attachments`) && r.request().method() === 'POST')
    await page.locator('[data-testid="attach-input"]').setInputFiles({ name: `现场照片-${stamp}.png`, mimeType: 'image/png', buffer: png })
    const up = await uploaded
    assert.equal(up.status(), 201, await up.text())
    const att = await up.json()
    await page.locator(`[data-testid="attachment-${att.id}"]`).getByText(`现场照片-${stamp}.png`).waitFor()
    const download = await page.request.get(`/api/v1/attachments/${att.id}`)
    assert.equal(download.status(), 200)
    assert.match(download.headers()['content-type'] || '', /image\/png/)
    assert.deepEqual(Buffer.from(await download.body()), png)
    await shot(page, 'flows-attachment')
    // The handler replies; the handler may not record the callback.
    await ok(HANDLER, 'POST', `/matters/${m.id}/reply`, { text: `已处理 ${stamp}` })
    const own = await call(HANDLER, 'POST', `/matters/${m.id}/callback`, { solved: true, rating: 5, comment: '' })
    assert.equal(own.status, 403, `callback by the handler: ${JSON.stringify(own.body)}`)
    await page.context().close()

    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto(`/matters/${m.id}`)
    await leader.locator('[data-testid="act-supervise"]').click()
    const note = `请于限期内回访确认 ${stamp}`
    await leader.locator('textarea[data-testid="supervise-note"], [data-testid="supervise-note"] textarea').first().fill(note)
    const due = nextSaturday()
    const dueInput = leader.locator('[data-testid="supervise-due"] input')
    await dueInput.click()
    await dueInput.fill(due)
    await dueInput.press('Enter')
    await leader.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    const order = leader.locator('[data-testid="supervision-order"]', { hasText: note })
    await order.waitFor()
    await leader.locator('[data-testid="matter-supervised"]').waitFor()
    const orders = (await ok(ADMIN, 'GET', `/matters/${m.id}`)).supervisions
    assert.equal(orders.length, 1)
    assert.equal(new Date((orders[0].due_at + 8 * 3600) * 1000).toISOString().slice(0, 10), due, 'supervision due date')
    await shot(leader, 'flows-supervise')

    // A recorded callback by the leader, who did not handle it.
    await leader.locator('[data-testid="act-callback"]').click()
    await leader.locator('[data-testid="signoff-comment"] input, input[data-testid="signoff-comment"]').first().fill('电话回访，群众满意')
    await leader.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await leader.locator('[data-testid="matter-status"]', { hasText: '已办结' }).waitFor()
    await leader.locator('[data-testid="matter-signoff"]').waitFor()
    await timelineWith(leader, '电话回访')
    await shot(leader, 'flows-callback')

    // The callback list shows each task's matter number and title.
    const tasks = list(await ok(LEADER, 'GET', '/callbacks?page_size=20'))
    await leader.goto('/callbacks')
    await leader.locator('[data-testid="callbacks-table"]').waitFor()
    if (tasks.length) {
      assert.ok(tasks[0].matter_number, 'a callback task without its matter number')
      await leader.locator(`[data-testid="callback-number-${tasks[0].id}"]`, { hasText: tasks[0].matter_number }).waitFor()
      await leader.locator('[data-testid="callbacks-table"]').getByText(tasks[0].matter_title).first().waitFor()
    }
    await shot(leader, 'flows-callbacks-list')
    await leader.context().close()
  })

  it('adds a make-up workday on the calendar page and deletes it', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/settings/calendar')
    await page.locator('[data-testid="calendar"]').waitFor()
    const year = Number(await field(page, 'calendar-year').inputValue())
    const date = `${year}-12-26`
    assert.ok(!list(await ok(ADMIN, 'GET', `/calendar?year=${year}`)).some((d) => d.date === date), `${date} is already in the table`)
    await page.locator(`[data-testid="day-${date}"]`).click()
    await page.locator('[data-testid="day-kind-workday"]').click()
    await page.locator('[data-testid="day-name"] input, input[data-testid="day-name"]').first().fill('测试调休')
    await page.locator('[data-testid="day-save"]').click()
    const table = page.locator('[data-testid="calendar-table"]')
    await table.getByText(date).waitFor()
    const saved = list(await ok(ADMIN, 'GET', `/calendar?year=${year}`)).find((d) => d.date === date)
    assert.equal(saved && saved.kind, 'workday')
    await shot(page, 'flows-calendar-added')
    await page.locator(`[data-testid="calendar-del-${date}"]`).click()
    await table.getByText(date).waitFor({ state: 'detached' })
    assert.ok(!list(await ok(ADMIN, 'GET', `/calendar?year=${year}`)).some((d) => d.date === date), `${date} was not deleted`)
    await page.context().close()
  })

  it('books an appointment on a holiday slot', async () => {
    requireServer()
    const matter = await acceptMatter({ ...base(), content: `周末来办低保年审，请预约 ${stamp}` })
    const date = nextSaturday()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/appointments')
    await pickOption(page, 'slots-unit', `slots-unit-opt-${unit.id}`)
    // The centre opens a Saturday slot with three places (09:00–11:00 is the form's default).
    await page.locator('[data-testid="slot-new"]').click()
    const dateInput = page.locator('[data-testid="slot-form-date"] input')
    await dateInput.click()
    await dateInput.fill(date)
    await dateInput.press('Enter')
    await page.locator('.el-dialog:visible .el-input-number input').first().fill('3')
    await page.locator('[data-testid="slot-form-save"]').click()
    let slot
    for (let i = 0; i < 50 && !slot; i++) {
      slot = list(await ok(ADMIN, 'GET', `/units/${unit.id}/slots?from=${date}&to=${date}`)).find((s) => s.start === '09:00' && s.end === '11:00' && s.capacity === 3)
      if (!slot) await new Promise((r) => setTimeout(r, 100))
    }
    assert.ok(slot, `no 09:00 slot with 3 places on ${date}`)
    await page.locator(`[data-testid="slot-holiday-${slot.id}"]`).waitFor()
    await page.locator(`[data-testid="slot-book-${slot.id}"]`).click()
    await page.locator('[data-testid="book-name"] input, input[data-testid="book-name"]').first().fill(hh.head_name || '王景云')
    await page.locator('[data-testid="book-phone"] input, input[data-testid="book-phone"]').first().fill('13800000000')
    await page.locator('[data-testid="book-purpose"] input, input[data-testid="book-purpose"]').first().fill(`周末办理低保年审 ${stamp}`)
    // The booking belongs to the matter, found by its receipt number.
    await page.locator('[data-testid="book-matter"] input').fill(matter.number)
    await page.locator(`[data-testid="book-matter-opt-${matter.id}"]`).filter({ visible: true }).first().click()
    await page.locator('[data-testid="book-save"]').click()
    await page.locator(`[data-testid="slot-booked-${slot.id}"]`, { hasText: '1 / 3' }).waitFor()
    await shot(page, 'flows-holiday-appointment')
    // The window sees who is coming and marks the visit served.
    await page.locator(`[data-testid="slot-list-${slot.id}"]`).click()
    const bookings = page.locator('[data-testid="booking-list"]')
    await bookings.getByText(`周末办理低保年审 ${stamp}`).waitFor()
    const [booking] = list(await ok(ADMIN, 'GET', `/slots/${slot.id}/appointments`))
    assert.equal(booking.phone_masked, '138****0000')
    assert.equal(booking.matter_id, matter.id)
    const timeline = (await ok(ADMIN, 'GET', `/matters/${matter.id}`)).events.map((e) => e.text)
    assert.ok(timeline.some((text) => text.startsWith(`预约 ${date}`)), JSON.stringify(timeline))
    await page.locator(`[data-testid="appt-status-${booking.id}"]`, { hasText: '已预约' }).waitFor()
    await page.locator(`[data-testid="appt-done-${booking.id}"]`).click()
    await page.locator(`[data-testid="appt-status-${booking.id}"]`, { hasText: '已办理' }).waitFor()
    assert.equal(list(await ok(ADMIN, 'GET', `/slots/${slot.id}/appointments`))[0].status, 'done')
    await shot(page, 'flows-holiday-appointment-served')
    await page.context().close()
  })

  it("carries an errand's documents from the matter page to returned, and the resident sees them", async () => {
    requireServer()
    const ahh = list(await ok(ASSISTANT, 'GET', '/households?page_size=1'))[0]
    assert.ok(ahh, 'the assistant sees no household')
    // The village assistant takes the matter at the village station, then the papers.
    const accepted = await ok(ASSISTANT, 'POST', '/matters', {
      type: 'help', channel: 'station', household_id: ahh.id, content: `申请换领残疾证，材料由助理代办 ${stamp}`,
    })
    const matter = accepted.matter
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto(`/matters/${matter.id}`)
    await page.locator('[data-testid="matter-new-errand"]').click()
    await page.waitForURL(/\/errands\?household_id=/)
    const purpose = `代办残疾证换领 ${stamp}`
    await page.locator('[data-testid="errand-form-purpose"] input, input[data-testid="errand-form-purpose"]').first().fill(purpose)
    await page.locator('[data-testid="errand-form-doc-0"] input, input[data-testid="errand-form-doc-0"]').first().fill('身份证复印件')
    await page.locator('[data-testid="errand-form-add-doc"]').click()
    await page.locator('[data-testid="errand-form-doc-1"] input, input[data-testid="errand-form-doc-1"]').first().fill('户口本')
    // The matter chosen on its page is preselected.
    await page.locator('[data-testid="errand-form-matter"]', { hasText: matter.number }).waitFor()
    await page.locator('[data-testid="errand-form-save"]').click()
    await page.locator('[data-testid="errands-table"]').getByText(purpose).waitFor()
    const errand = list(await ok(ASSISTANT, 'GET', `/errands?household_id=${ahh.id}`)).find((e) => e.purpose === purpose)
    assert.ok(errand, 'the errand was not saved')
    assert.equal(errand.matter_id, matter.id)
    assert.equal(errand.status, 'received')
    assert.deepEqual(errand.documents.map((d) => d.name), ['身份证复印件', '户口本'])
    await page.locator(`[data-testid="errand-matter-${errand.id}"]`, { hasText: matter.number }).waitFor()
    await page.locator(`[data-testid="errand-status-${errand.id}"]`, { hasText: '助理已收件' }).waitFor()
    await page.locator(`[data-testid="errand-to-township-${errand.id}"]`).click()
    await page.locator(`[data-testid="errand-done-${errand.id}"]`).click()
    await page.locator(`[data-testid="errand-return-${errand.id}"]`).click()
    await page.locator(`[data-testid="errand-status-${errand.id}"]`, { hasText: '材料已交还' }).waitFor()
    await page.locator(`[data-testid="errand-doc-${errand.id}-0"]`, { hasText: '已交还' }).waitFor()
    const after = list(await ok(ASSISTANT, 'GET', `/errands?household_id=${ahh.id}`)).find((e) => e.id === errand.id)
    assert.equal(after.status, 'returned')
    assert.ok(after.documents.every((d) => d.received_at && d.returned_at), JSON.stringify(after.documents))
    await shot(page, 'flows-errand-returned')
    // The matter's page lists the errand; the resident's public page shows where the papers are.
    await page.goto(`/matters/${matter.id}`)
    await page.locator(`[data-testid="matter-errand-${errand.id}"]`, { hasText: '材料已交还' }).waitFor()
    await page.context().close()
    const resident = await newPage(browser)
    await resident.goto(accepted.receipt.public_path)
    const papers = resident.locator('[data-testid="public-errands"]')
    await papers.getByText(purpose).waitFor()
    await papers.getByText('材料已交还').waitFor()
    await papers.getByText('户口本').waitFor()
    const shown = await (await fetch(`${process.env.MINQING_URL.replace(/\/+$/, '')}/api/v1/public/matters/${matter.number}?token=${accepted.receipt.token}`)).json()
    assert.ok(!('assistant_id' in shown.errands[0]) && !('household_address' in shown.errands[0]), JSON.stringify(shown.errands[0]))
    await shot(resident, 'flows-errand-public')
    await resident.context().close()
  })

  it('exports the filtered matter list and the three rates to Excel, and refuses an export over the limit', async () => {
    requireServer()
    const text = `导出测试 ${stamp}`
    const m = await acceptMatter({ ...base(), content: text })
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto('/matters')
    // The whole county is more than one export may hold: a clear message, no file.
    await page.locator('[data-testid="matters-export"]').click()
    await page.locator('.el-message--error', { hasText: '超过一次导出的上限' }).waitFor()

    await field(page, 'matters-q').fill(text)
    await page.locator('[data-testid="matters-search"]').click()
    await page.locator('[data-testid="matters-table"]', { hasText: m.number }).waitFor()
    const [request, file] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/matters/export')),
      page.waitForEvent('download'),
      page.locator('[data-testid="matters-export"]').click(),
    ])
    assert.equal(new URL(request.url()).searchParams.get('q'), text, 'the export carries the filters on screen')
    assert.match(file.suggestedFilename(), /^诉求清单-\d{8}\.xlsx$/)
    const bytes = fs.readFileSync(await file.path())
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) workbook')
    await page.locator('.el-message--success', { hasText: '已导出' }).waitFor()
    // The same filters as CSV hold exactly that matter.
    const csv = await call(LEADER, 'GET', `/matters/export?format=csv&q=${encodeURIComponent(text)}`)
    assert.equal(csv.status, 200)
    const lines = csv.body.trim().split('\r\n')
    assert.equal(lines.length, 2, lines.join('\n'))
    assert.ok(lines[1].startsWith(`${m.number},`), lines[1])
    await shot(page, 'flows-export')

    // The three rates of the dashboard's period, by unit, with a total row.
    await page.goto('/dashboard')
    await page.locator('[data-testid="dashboard-units"] .el-table__row').first().waitFor()
    await page.locator('[data-testid="rates-export"]').click()
    const [rates] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="rates-export-unit"]').click(),
    ])
    assert.match(rates.suggestedFilename(), /^三率统计-\d{8}\.xlsx$/)
    assert.equal(fs.readFileSync(await rates.path()).subarray(0, 2).toString(), 'PK')
    const ratesCsv = await call(LEADER, 'GET', '/rates/export?dimension=unit&format=csv')
    assert.equal(ratesCsv.status, 200)
    const rateLines = ratesCsv.body.trim().split('\r\n')
    assert.ok(rateLines[0].includes('承办单位,受理量'), rateLines[0])
    assert.ok(rateLines[rateLines.length - 1].startsWith('合计,'), rateLines[rateLines.length - 1])
    await page.context().close()
  })
})
