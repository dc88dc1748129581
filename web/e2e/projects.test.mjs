// Livelihood projects (民生项目, issue 17 items 1-3) in the browser. On the demo county the
// administrator creates a project for the village assistant's village, adds an outside member
// (the contractor's engineer) to the joint team and two households by id; a consent without a
// visit is refused on the page; with a diary visit of that household (logged over the API) the
// consent is recorded and the household shows one visit; the dashboard counts it; the public
// progress page shows the project's counts without any household. The one-household plan
// (一户一策) of that household is written in its dialog and then marked done; a safety inspection
// is logged in the weekly cadence form.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, ASSISTANT, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

describe('projects', () => {
  let browser
  let village
  let adminToken
  let households
  const name = `广外老旧小区改造 ${Date.now() % 100000}`

  before(async () => {
    requireServer()
    browser = await launch()
    const assistant = await apiLogin(ASSISTANT)
    const me = (await call(assistant, 'GET', '/auth/me')).body
    village = (me.user || me).scope_region_id
    assert.ok(village, 'the demo assistant has a village')
    adminToken = await apiLogin(ADMIN)
    households = itemsOf((await call(adminToken, 'GET', `/households?region_id=${village}&page_size=5`)).body)
    assert.ok(households.length >= 2, 'the village has households')
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('creates a project, builds the team, adds households, records a consent on a visit', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/projects?region_id=${village}`)
    await page.locator('[data-testid="project-new"]').click()
    await field(page, 'project-name').fill(name)
    await page.locator('[data-testid="project-save"]').click()
    await page.locator('[data-testid="project-title"]').waitFor()
    assert.equal(await page.locator('[data-testid="project-title"]').textContent(), name)
    const projectId = page.url().split('/').pop()

    await field(page, 'member-name').fill('李工')
    await field(page, 'member-org').fill('某建设集团')
    await page.locator('[data-testid="member-add"]').click()
    await page.locator('[data-testid="project-team"]', { hasText: '某建设集团' }).waitFor()

    const [a, b] = households
    await field(page, 'hh-ids').fill(`${a.id},${b.id}`)
    await page.locator('[data-testid="hh-add"]').click()
    await page.locator(`[data-testid="consent-${a.id}"]`).waitFor()
    assert.equal(await page.locator(`[data-testid="consent-${a.id}"]`).textContent(), '未走访')

    // No visit (nothing written about the door visit): refused with the rule's message.
    await page.locator(`[data-testid="consent-open-${a.id}"]`).click()
    await page.locator('[data-testid="consent-save"]').click()
    await page.locator('[data-testid="consent-error"]').waitFor()
    assert.match(await page.locator('[data-testid="consent-error"]').textContent(), /走访/)

    const visit = await call(adminToken, 'POST', '/visits', { household_id: a.id, learned: '上门宣传改造方案，户主同意' })
    assert.equal(visit.status, 201, JSON.stringify(visit.body))
    await page.locator('[data-testid="consent-way-diary"]').click()
    await field(page, 'consent-visit').fill(String(visit.body.id))
    await chooseOption(page, page.locator('[data-testid="consent-select"]'), '同意')
    await page.locator('[data-testid="consent-save"]').click()
    await page.waitForFunction((id) => document.querySelector(`[data-testid="consent-${id}"]`)?.textContent === '同意', a.id)
    assert.equal(await page.locator(`[data-testid="visits-${a.id}"]`).textContent(), '1')
    assert.match(await page.locator('[data-testid="dash-agreed"]').textContent(), /同意：\s*1/)
    assert.match(await page.locator('[data-testid="dash-not_visited"]').textContent(), /未走访：\s*1/)
    await shot(page, 'projects-dashboard')

    // 一户一策: the household's plan, written and then marked done.
    const area = (testid) => page.locator(`[data-testid="${testid}"] textarea, textarea[data-testid="${testid}"]`).first()
    await page.locator(`[data-testid="plan-open-${a.id}"]`).click()
    await area('plan-needs').fill('担心施工期间老人出行不便')
    await area('plan-measures').fill('施工期间安排专人接送')
    await field(page, 'plan-owner').fill('李工')
    let saved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/projects/${projectId}/plans/${a.id}`)
    await page.locator('[data-testid="plan-save"]').click()
    assert.equal((await saved).status(), 200)
    await page.locator(`[data-testid="plan-needs-${a.id}"]`, { hasText: '担心施工期间老人出行不便' }).waitFor()
    assert.equal(await page.locator(`[data-testid="plan-status-${a.id}"]`).textContent(), '进行中')
    assert.match(await page.locator('[data-testid="dash-plans-open"]').textContent(), /：\s*1$/)
    await page.locator(`[data-testid="plan-open-${a.id}"]`).click()
    assert.equal(await area('plan-measures').inputValue(), '施工期间安排专人接送', 'the dialog opens on the saved plan')
    await page.locator('[data-testid="plan-status-done"]').click()
    saved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/projects/${projectId}/plans/${a.id}`)
    await page.locator('[data-testid="plan-save"]').click()
    assert.equal((await saved).status(), 200)
    await page.waitForFunction((id) => document.querySelector(`[data-testid="plan-status-${id}"]`)?.textContent === '已落实', a.id)
    assert.match(await page.locator('[data-testid="dash-plans-done"]').textContent(), /：\s*1$/)
    assert.match(await page.locator('[data-testid="dash-plans-open"]').textContent(), /：\s*0$/)

    // The weekly cadence: a safety inspection.
    await chooseOption(page, page.locator('[data-testid="cadence-kind"]'), '安全检查')
    await field(page, 'cadence-week').fill('2026-W49')
    const heldOn = field(page, 'cadence-held-on')
    await heldOn.click()
    await heldOn.fill('2026-12-03')
    await heldOn.press('Enter')
    await field(page, 'cadence-who').fill('李工、村助理')
    const log = `脚手架检查合格 ${Date.now() % 100000}`
    await field(page, 'cadence-log').fill(log)
    const logged = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/projects/${projectId}/cadence`)
    await page.locator('[data-testid="cadence-add"]').click()
    const loggedRes = await logged
    assert.equal(loggedRes.status(), 201, await loggedRes.text())
    const row = page.locator('[data-testid="project-cadence"] tr', { hasText: log })
    await row.waitFor()
    assert.match(await row.textContent(), /安全检查/)
    assert.match(await row.textContent(), /2026-12-03/)
    await shot(page, 'projects-plan-cadence')

    const pub = await newPage(browser)
    await pub.goto('/progress/all')
    const card = pub.locator(`[data-testid="public-project-${projectId}"]`)
    await card.waitFor()
    assert.match(await card.textContent(), /同意 1/)
    assert.ok(!(await pub.content()).includes(a.address || '@@none@@'), 'no household address on the public page')
  })
})
