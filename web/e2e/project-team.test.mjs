// Issue 17 "Done means", in the browser from the team's screens: a livelihood project whose joint
// team has the city cadre's account (the demo unit handler). The cadre records door visits from
// the project page: the first household agrees; the second refuses twice and agrees on the third
// visit. The village assistant (who manages projects of the village) links a problem outside the
// project to the matter the window accepted, by its receipt number; it counts as solved only once
// the resident signs the matter off. The assistant opens a meeting about the project from its
// page, records a decision owned by the cadre and resolves a problem after the project with it;
// the cadre marks the decision done from 决定落实, and the project page shows the problem solved.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, ASSISTANT, BASE, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { HANDLER, ok, list, civilAffairs, civilCategory } from './matters-helpers.mjs'

// A call of the public API, as the resident on the receipt's link (no login).
async function publicPost(path, body) {
  const res = await fetch(`${BASE}/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  assert.ok(res.status < 300, `POST ${path} → ${res.status} ${await res.text()}`)
}

describe('a project run by its joint team', { timeout: 240000 }, () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('runs from the team to the last consent, a matter signed off and a decision done', async () => {
    const stamp = Date.now().toString(36)
    const me = await ok(ASSISTANT, 'GET', '/auth/me')
    const village = (me.user || me).scope_region_id
    const handlerMe = await ok(HANDLER, 'GET', '/auth/me')
    const handlerId = (handlerMe.user || handlerMe).id
    const households = list(await ok(ADMIN, 'GET', `/households?region_id=${village}&page_size=40`))
    assert.ok(households.length >= 8, 'the village has households')
    // Households not in another project of this run, from the end of the page.
    const [a, b] = households.slice(-2)

    const project = await ok(ASSISTANT, 'POST', '/projects', { name: `村道改造 ${stamp}`, kind: 'road', region_id: village })
    await ok(ASSISTANT, 'POST', `/projects/${project.id}/team`, { kind: 'account', user_id: handlerId, team_role: '联合支部委员' })
    await ok(ASSISTANT, 'POST', `/projects/${project.id}/households`, { household_ids: [a.id, b.id] })

    // The cadre on the team records the door visits.
    const cadre = await newPage(browser)
    await login(cadre, HANDLER)
    await cadre.goto(`/projects/${project.id}`)
    const visitsOf = async (household) => Number(await cadre.locator(`[data-testid="visits-${household.id}"]`).textContent())
    const visit = async (household, consent, learned) => {
      const before = await visitsOf(household)
      await cadre.locator(`[data-testid="consent-open-${household.id}"]`).click()
      await cadre.locator('[data-testid="consent-learned"] textarea, textarea[data-testid="consent-learned"]').first().fill(learned)
      await chooseOption(cadre, cadre.locator('[data-testid="consent-select"]'), new RegExp(`^${consent}$`))
      const saved = cadre.waitForResponse((r) => r.url().includes(`/door-visits/${household.id}`) && r.request().method() === 'POST')
      await cadre.locator('[data-testid="consent-save"]').click()
      const res = await saved
      assert.equal(res.status(), 201, await res.text())
      // The row shows the new consent and one more visit once the page has read them back.
      await cadre.waitForFunction(([id, text, visits]) =>
        document.querySelector(`[data-testid="consent-${id}"]`)?.textContent === text &&
        document.querySelector(`[data-testid="visits-${id}"]`)?.textContent === String(visits), [household.id, consent, before + 1])
    }
    await visit(a, '同意', '上门讲解改造方案，户主同意')
    await visit(b, '不同意', '户主担心占用门前空地，不同意')
    await visit(b, '不同意', '再次上门，仍不同意')
    assert.equal(await cadre.locator(`[data-testid="visits-${b.id}"]`).textContent(), '2')
    await visit(b, '同意', '调整排水沟走向后，户主同意')
    assert.equal(await cadre.locator(`[data-testid="visits-${b.id}"]`).textContent(), '3')
    assert.match(await cadre.locator('[data-testid="dash-agreed"]').textContent(), /同意：\s*2/)
    assert.match(await cadre.locator('[data-testid="dash-refused"]').textContent(), /不同意：\s*0/)
    await shot(cadre, 'project-team-consents')

    // A problem outside the project, taken to the window as a matter.
    const outside = await ok(ASSISTANT, 'POST', `/projects/${project.id}/issues`, {
      class: 'outside_project', text: `门前路灯不亮 ${stamp}`, owner: '村委会', due_at: Math.floor(Date.now() / 1000) + 7 * 86400, household_id: a.id,
    })
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const accepted = await ok(ADMIN, 'POST', '/matters', { type: 'help', channel: 'window', household_id: a.id, category_id: category.id, content: `门前路灯不亮 ${stamp}` })
    const number = accepted.receipt.number
    const assistant = await newPage(browser)
    await login(assistant, ASSISTANT)
    await assistant.goto(`/projects/${project.id}`)
    const resolveRow = async (issueText) => {
      const row = assistant.locator('[data-testid="project-issues"] tr', { hasText: issueText })
      await row.getByRole('button').click()
    }
    await resolveRow(`门前路灯不亮 ${stamp}`)
    await field(assistant, 'resolve-matter').fill(number)
    let resolved = assistant.waitForResponse((r) => r.url().includes(`/project-issues/${outside.id}/resolution`))
    await assistant.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    assert.equal((await resolved).status(), 200)
    await assistant.locator('[data-testid="project-issues"] tr', { hasText: number }).getByText('未解决').waitFor()

    // The matter is handled and the resident signs it off (the receipt's link, a one-time code).
    const m = accepted.matter
    await ok(ADMIN, 'POST', `/matters/${m.id}/dispatch`, { unit_id: unit.id })
    await ok(HANDLER, 'POST', `/matters/${m.id}/accept`)
    await ok(HANDLER, 'POST', `/matters/${m.id}/reply`, { text: '路灯已修复' })
    await publicPost(`/public/matters/${number}/code`, { token: accepted.receipt.token })
    const outbox = list(await ok(ADMIN, 'GET', '/dev/sms?page_size=200'))
    const codeSms = outbox.filter((x) => /验证码/.test(x.text || '') && (x.matter_id === m.id || (x.text || '').includes(number)))
      .reduce((a, x) => (!a || x.id > a.id ? x : a), null)
    assert.ok(codeSms, 'the sign-off code was sent')
    const code = codeSms.text.match(/验证码为(\d{6})/)[1]
    await publicPost(`/public/matters/${number}/confirm`, { token: accepted.receipt.token, code, solved: true, rating: 5 })
    await assistant.reload()
    await assistant.locator('[data-testid="project-issues"] tr', { hasText: number }).getByText('已解决').waitFor()
    assert.equal((await assistant.locator('[data-testid="dash-outside-solved"]').textContent()).trim(), '1')

    // A meeting about the project, opened from its page, decides; the decision resolves a problem.
    await assistant.locator('[data-testid="project-new-meeting"]').click()
    await assistant.locator('[data-testid="meetings-project"]').waitFor()
    await field(assistant, 'meeting-title').fill(`改造后管护联席会 ${stamp}`)
    await field(assistant, 'meeting-place').fill('村党群服务中心')
    const created = assistant.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/meetings' && r.request().method() === 'POST')
    await assistant.locator('[data-testid="meeting-save"]').click()
    const meeting = await created
    assert.equal(meeting.status(), 201, await meeting.text())
    assert.equal((await meeting.json()).project_id, project.id)
    await assistant.locator('[data-testid="meeting-heading"]').waitFor()
    await assistant.locator('[data-testid="decision-text"] textarea, textarea[data-testid="decision-text"]').first().fill(`建立村道管护制度 ${stamp}`)
    await field(assistant, 'decision-deadline').fill('2099-12-31')
    await field(assistant, 'decision-owner-user').fill(HANDLER.user)
    const added = assistant.waitForResponse((r) => /\/decisions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST')
    await assistant.locator('[data-testid="decision-add"]').click()
    const decisionRes = await added
    assert.equal(decisionRes.status(), 201, await decisionRes.text())
    const decision = await decisionRes.json()

    const after = await ok(ASSISTANT, 'POST', `/projects/${project.id}/issues`, {
      class: 'after_project', text: `村道建成后的管护 ${stamp}`, owner: '村委会', due_at: Math.floor(Date.now() / 1000) + 30 * 86400,
    })
    await assistant.goto(`/projects/${project.id}`)
    await assistant.locator('[data-testid="project-decisions"]').getByText(`建立村道管护制度 ${stamp}`).waitFor()
    await resolveRow(`村道建成后的管护 ${stamp}`)
    await assistant.locator('[data-testid="resolve-by"]').getByText('会议决定').click()
    await chooseOption(assistant, assistant.locator('[data-testid="resolve-decision"]'), `建立村道管护制度 ${stamp}`)
    resolved = assistant.waitForResponse((r) => r.url().includes(`/project-issues/${after.id}/resolution`))
    await assistant.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    assert.equal((await resolved).status(), 200)
    const afterRow = assistant.locator('[data-testid="project-issues"] tr', { hasText: `村道建成后的管护 ${stamp}` })
    await afterRow.getByText('未解决').waitFor()

    // The cadre, the decision's owner, follows it to completion.
    await cadre.goto('/decisions')
    await cadre.locator(`[data-testid="decision-done-${decision.id}"]`).click()
    await cadre.locator('[data-testid="decision-note"] textarea, textarea[data-testid="decision-note"]').first().fill('管护制度已上墙，专人负责')
    const done = cadre.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/decisions/${decision.id}/done`)
    await cadre.locator('[data-testid="decision-done-save"]').click()
    assert.equal((await done).status(), 200)

    await assistant.reload()
    await afterRow.getByText('已解决').waitFor()
    assert.match(await afterRow.textContent(), /已落实/)
    await shot(assistant, 'project-team-solved')
  })
})
