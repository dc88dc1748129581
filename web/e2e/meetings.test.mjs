// Issue 17, item 4: meetings that decide (议事会议). The leader records a courtyard meeting
// (院坝会) from the meetings page, adds an outside attendee and minutes, and records a decision
// owned by the window clerk with a deadline; a decision without an owner is refused on the
// screen. The clerk opens 决定落实, finds the decision among their own and marks it done with a
// note; the meeting's page then shows it done. The public reception page opens without a login.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot, field, BASE } from './helpers.mjs'
import { CLERK, LEADER } from './matters-helpers.mjs'

describe('meetings that decide', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the leader records a meeting with a decision; its owner marks it done', async () => {
    requireServer()
    const stamp = Date.now().toString(36)
    const title = `东关村院坝会 ${stamp}`
    const decisionText = `修复村东路灯 ${stamp}`

    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto('/meetings')
    await leader.locator('[data-testid="meeting-new"]').click()
    await leader.locator('[data-testid="meeting-kind"]').click()
    await leader.getByRole('option', { name: '院坝会' }).click()
    await field(leader, 'meeting-title').fill(title)
    await field(leader, 'meeting-place').fill('村委会院坝')
    const created = leader.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/meetings' && r.request().method() === 'POST')
    await leader.locator('[data-testid="meeting-save"]').click()
    const createdRes = await created
    assert.equal(createdRes.status(), 201, await createdRes.text())
    await leader.locator('[data-testid="meeting-heading"]').waitFor()
    assert.match(await leader.locator('[data-testid="meeting-heading"]').innerText(), new RegExp(title))

    // An outside attendee and the minutes.
    await field(leader, 'attendee-name').fill('李工')
    await field(leader, 'attendee-org').fill('施工单位')
    await leader.locator('[data-testid="attendee-add-outside"]').click()
    await leader.locator('[data-testid="meeting-minutes"] textarea, textarea[data-testid="meeting-minutes"]').first().fill('村民反映村东路灯不亮，议定限期修复')
    const updated = leader.waitForResponse((r) => /\/api\/v1\/meetings\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT')
    await leader.locator('[data-testid="meeting-update"]').click()
    assert.equal((await updated).status(), 200)
    await leader.locator('[data-testid="meeting-attendees"]').getByText('李工').waitFor()

    // A decision without an owner is refused; with the clerk as owner it is recorded.
    const text = leader.locator('[data-testid="decision-text"] textarea, textarea[data-testid="decision-text"]').first()
    await text.fill(decisionText)
    await field(leader, 'decision-deadline').fill('2099-12-31')
    let added = leader.waitForResponse((r) => /\/decisions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST')
    await leader.locator('[data-testid="decision-add"]').click()
    const refused = await added
    assert.equal(refused.status(), 400)
    assert.equal((await refused.json()).error.code, 'meeting.decision_needs_owner')
    await field(leader, 'decision-owner-user').fill(CLERK.user)
    added = leader.waitForResponse((r) => /\/decisions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST')
    await leader.locator('[data-testid="decision-add"]').click()
    const addedRes = await added
    assert.equal(addedRes.status(), 201, await addedRes.text())
    const decision = await addedRes.json()
    await leader.locator(`[data-testid="decision-state-${decision.id}"]`).getByText('落实中').waitFor()
    await shot(leader, 'meetings-recorded')

    // The owner marks it done from 决定落实.
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/decisions')
    await clerk.locator(`[data-testid="decision-done-${decision.id}"]`).click()
    await clerk.locator('[data-testid="decision-note"] textarea, textarea[data-testid="decision-note"]').first().fill('已更换灯泡，村民确认')
    const done = clerk.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/decisions/${decision.id}/done`)
    await clerk.locator('[data-testid="decision-done-save"]').click()
    assert.equal((await done).status(), 200)
    await clerk.locator(`[data-testid="decision-state-${decision.id}"]`).getByText('已落实').waitFor()
    await shot(clerk, 'meetings-decision-done')

    // The leader cannot mark it done (no button) and sees it done on the meeting's page.
    await leader.reload()
    await leader.locator(`[data-testid="decision-state-${decision.id}"]`).getByText('已落实').waitFor()
    assert.equal(await leader.locator(`[data-testid="decision-done-${decision.id}"]`).count(), 0)

    // The public reception page opens without a login.
    const anon = await newPage(browser)
    await anon.goto('/reception/all')
    await anon.locator('[data-testid="reception-page"]').waitFor()
    await shot(anon, 'meetings-reception-public')
  })
})
