// Issue 17, item 4: meetings that decide (议事会议). The leader records a courtyard meeting
// (院坝会) from the meetings page, adds an outside attendee and minutes, and records a decision
// owned by the window clerk with a deadline; a decision without an owner is refused on the
// screen. The clerk opens 决定落实, finds the decision among their own and marks it done with a
// note; the meeting's page then shows it done. The public reception page opens without a login.
// The leader adds a party member and a resident found in the registry as attendees. A resident
// opens the public reception page, is asked to sign in on booking, signs in and comes back, and
// books the reception day for their household; the appointment is in the host unit's list.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot, field, BASE, chooseOption } from './helpers.mjs'
import { ADMIN, CLERK, LEADER, ok, list } from './matters-helpers.mjs'
import { RESIDENT } from './messages-helpers.mjs'

// Types `name` into the remote person select `testid` and picks the option of `residentId`.
async function pickPerson(page, testid, name, residentId) {
  await chooseOption(page, page.locator(`[data-testid="${testid}"]`).first(),
    (p) => p.locator(`[data-testid="${testid}-option-${residentId}"]`), name)
}

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

    // A party member and a resident, found in the registry by name.
    const partyMember = list(await ok(LEADER, 'GET', '/party/members?page_size=5')).find((m) => m.name && m.resident_id)
    assert.ok(partyMember, 'the demo county has party members')
    const villager = list(await ok(LEADER, 'GET', '/residents?page_size=20')).find((r) => r.name && r.id !== partyMember.resident_id)
    assert.ok(villager, 'the demo county has residents')
    await pickPerson(leader, 'attendee-member', partyMember.name, partyMember.resident_id)
    await leader.locator('[data-testid="attendee-add-member"]').click()
    await pickPerson(leader, 'attendee-resident', villager.name, villager.id)
    await leader.locator('[data-testid="attendee-add-resident"]').click()
    const withPeople = leader.waitForResponse((r) => /\/api\/v1\/meetings\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT')
    await leader.locator('[data-testid="meeting-update"]').click()
    const withPeopleRes = await withPeople
    assert.equal(withPeopleRes.status(), 200, await withPeopleRes.text())
    const attendees = (await withPeopleRes.json()).attendees
    assert.ok(attendees.some((a) => a.kind === 'member' && a.resident_id === partyMember.resident_id && a.name === partyMember.name), JSON.stringify(attendees))
    assert.ok(attendees.some((a) => a.kind === 'resident' && a.resident_id === villager.id && a.name === villager.name), JSON.stringify(attendees))
    await leader.locator('[data-testid="meeting-attendees"]').getByText(`党员：${partyMember.name}`).waitFor()
    await leader.locator('[data-testid="meeting-attendees"]').getByText(`群众：${villager.name}`).waitFor()

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

  it('a resident signs in from the public page and books a reception day for their household', async () => {
    requireServer()
    const stamp = Date.now().toString(36)
    // A reception day in the resident's village, hosted by the unit of the demo's reception day.
    const own = list(await ok(RESIDENT, 'GET', '/households?page_size=1'))[0]
    assert.ok(own, 'the demo resident has a household')
    const demoDay = list(await (await fetch(`${BASE}/api/v1/public/reception-days`)).json()).find((d) => d.host_unit_id)
    assert.ok(demoDay, 'the demo county has a reception day with a host unit')
    const day = await ok(ADMIN, 'POST', '/meetings', {
      kind: 'reception_day', title: `村民接待日 ${stamp}`, date: '2099-05-20', start: '09:00', end: '11:00',
      place: '村党群服务中心', region_id: own.region_id, host_unit_id: demoDay.host_unit_id, capacity: 4,
    })
    assert.ok(day.slot_id, 'the reception day has places')

    const page = await newPage(browser)
    await page.goto('/reception/all')
    await page.locator(`[data-testid="reception-book-${day.id}"]`).click()
    const purpose = `反映村道积水 ${stamp}`
    const fill = async () => {
      await page.locator('[data-testid="reception-name"]').fill(own.head_name || '户主')
      await page.locator('[data-testid="reception-phone"]').fill('13800138000')
      await page.locator('[data-testid="reception-purpose"]').fill(purpose)
    }
    await fill()
    // Without a session the page asks the resident to sign in, and brings them back.
    await page.locator(`[data-testid="reception-submit-${day.id}"]`).click()
    await page.locator(`[data-testid="reception-login-${day.id}"]`).click()
    await page.waitForURL(/\/login/)
    await field(page, 'login-username').fill(RESIDENT.user)
    await field(page, 'login-password').fill(RESIDENT.password)
    await page.locator('[data-testid="login-submit"]').click()
    await page.waitForURL(/\/reception\/all/)
    await page.locator(`[data-testid="reception-book-${day.id}"]`).click()
    await fill()
    const booked = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/slots/${day.slot_id}/appointments` && r.request().method() === 'POST')
    await page.locator(`[data-testid="reception-submit-${day.id}"]`).click()
    const bookedRes = await booked
    assert.equal(bookedRes.status(), 201, await bookedRes.text())
    await page.locator(`[data-testid="reception-done-${day.id}"]`).waitFor()
    await shot(page, 'meetings-reception-booked')

    // The appointment is the resident's household's, in the host unit's list.
    const appointments = list(await ok(ADMIN, 'GET', `/slots/${day.slot_id}/appointments`))
    const mine = appointments.find((a) => a.purpose === purpose)
    assert.ok(mine, JSON.stringify(appointments))
    assert.equal(mine.household_id, own.id)
    const days = list(await (await fetch(`${BASE}/api/v1/public/reception-days`)).json())
    assert.equal(days.find((d) => d.id === day.id).booked, 1)
  })
})
