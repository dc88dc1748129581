// Volunteer service (志愿服务) in the browser, on the demo county: the administrator builds a team
// in the demo assistant's village with the assistant as team leader (made for this run, so reruns
// start clean); the assistant opens the team from the volunteers page, adds an outside volunteer
// and an activity of one place on a past date, signs the volunteer up (the activity is then full),
// marks attendance (the volunteer's hours become the activity's), reads the hours ledger, issues a
// certificate and follows its PDF link and its public verification page (no login: name masked).
// The demo party member, added to the team as a volunteer, signs up on 我的志愿服务
// (/volunteers/mine) for an open activity; the sign-up is in the activity's list.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, ASSISTANT, BASE, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { apiLogin, call } from './network-helpers.mjs'
import { MEMBER } from './messages-helpers.mjs'

describe('volunteers', { timeout: 240000 }, () => {
  let browser
  let team
  const suffix = Date.now() % 100000

  before(async () => {
    requireServer()
    browser = await launch()
    const assistant = await apiLogin(ASSISTANT)
    const village = (await call(assistant, 'GET', '/auth/me')).body.user.scope_region_id
    const admin = await apiLogin(ADMIN)
    const made = await call(admin, 'POST', '/volunteer-teams', {
      name: `爱心志愿队${suffix}`,
      region_id: village,
      leader_username: ASSISTANT.user,
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    team = made.body
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('runs a team from sign-up to attendance, hours and a certificate that verifies', async () => {
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto('/volunteers')
    await page.locator(`[data-testid="team-open-${team.id}"]`).click()
    await page.locator('[data-testid="team-title"]', { hasText: team.name }).waitFor()

    await page.locator('[data-testid="volunteer-new"]').click()
    await field(page, 'volunteer-name').fill('李志愿')
    await field(page, 'volunteer-phone').fill('13800001234')
    await page.locator('[data-testid="volunteer-save"]').click()
    await page.locator('[data-testid="volunteers-table"]', { hasText: '李志愿' }).waitFor()

    await page.locator('[data-testid="activity-new"]').click()
    await field(page, 'activity-title').fill('义务理发')
    await field(page, 'activity-date').fill('2024-05-01')
    await field(page, 'activity-place').fill('村委会')
    await field(page, 'activity-capacity').fill('1')
    await page.keyboard.press('Tab')
    await field(page, 'activity-hours').fill('2.5')
    await page.locator('[data-testid="activity-save"]').click()
    await page.locator('[data-testid="activities-table"]', { hasText: '义务理发' }).waitFor()
    await page.locator('[data-testid="activities-table"]', { hasText: '0 / 1' }).waitFor()

    const detail = await call(await apiLogin(ASSISTANT), 'GET', `/volunteer-teams/${team.id}`)
    const activity = detail.body.activities[0]
    const volunteer = detail.body.volunteers[0]
    await page.locator(`[data-testid="activity-open-${activity.id}"]`).click()
    await page.locator('[data-testid="activity-detail"]').waitFor()
    await chooseOption(page, page.locator('[data-testid="signup-who"]'), '李志愿')
    await page.locator('[data-testid="signup-save"]').click()
    await page.locator('[data-testid="signups-table"]', { hasText: '李志愿' }).waitFor()
    await page.locator('[data-testid="activities-table"]', { hasText: '1 / 1' }).waitFor()
    await shot(page, 'volunteers-signed-up')

    await page.locator('[data-testid="signups-table"] .el-checkbox').last().click()
    await page.locator('[data-testid="attendance-save"]').click()
    await page.locator('[data-testid="signups-table"]', { hasText: '✓' }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="volunteers-table"]', { hasText: '2.5' }).waitFor()

    await page.locator(`[data-testid="ledger-${volunteer.id}"]`).click()
    await page.locator('[data-testid="ledger-total"]', { hasText: '2.5' }).waitFor()
    await page.keyboard.press('Escape')

    await page.locator(`[data-testid="certificate-${volunteer.id}"]`).click()
    const code = (await page.locator('[data-testid="certificate-code"]').textContent()).trim()
    assert.match(code, /^[0-9A-F]{12}$/)
    const href = await page.locator('[data-testid="certificate-pdf"]').getAttribute('href')
    const pdf = await page.request.get(`${BASE}${href}`)
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    await shot(page, 'volunteers-certificate')

    const pub = await newPage(browser)
    await pub.goto(`/vc/${code}`)
    await pub.locator('[data-testid="certificate-valid"]').waitFor()
    assert.equal((await pub.locator('[data-testid="certificate-name"]').textContent()).trim(), '李*愿')
    assert.equal((await pub.locator('[data-testid="certificate-hours"]').textContent()).trim(), '2.5')
    await shot(pub, 'volunteers-verify')
  })

  it('a party member signs up for an open activity on 我的志愿服务', async () => {
    const admin = await apiLogin(ADMIN)
    const me = (await call(await apiLogin(MEMBER), 'GET', '/auth/me')).body.user
    assert.ok(me.resident_id, 'the demo member is a registry resident')
    const added = await call(admin, 'POST', `/volunteer-teams/${team.id}/volunteers`, { resident_id: me.resident_id })
    assert.equal(added.status, 201, JSON.stringify(added.body))
    const made = await call(admin, 'POST', `/volunteer-teams/${team.id}/activities`, {
      title: `植树${suffix}`, date: '2099-03-12', time: '08:30', place: '村东河堤', capacity: 3, hours: '4',
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const activity = made.body

    const page = await newPage(browser)
    await login(page, MEMBER)
    await page.goto('/volunteers/mine')
    await page.locator(`[data-testid="mine-activity-${activity.id}"]`).waitFor()
    const signed = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/volunteer-activities/${activity.id}/signups`)
    await page.locator(`[data-testid="mine-signup-${activity.id}"]`).click()
    const signedRes = await signed
    assert.equal(signedRes.status(), 201, await signedRes.text())
    await page.locator(`[data-testid="mine-signed-${activity.id}"]`).waitFor()
    assert.equal(await page.locator(`[data-testid="mine-signup-${activity.id}"]`).count(), 0)
    await shot(page, 'volunteers-mine-signed-up')

    const detail = await call(admin, 'GET', `/volunteer-activities/${activity.id}`)
    assert.equal(detail.status, 200)
    assert.ok(detail.body.signups.some((s) => s.volunteer_id === added.body.id), JSON.stringify(detail.body.signups))
    assert.equal(detail.body.free_places, 2)
  })
})
