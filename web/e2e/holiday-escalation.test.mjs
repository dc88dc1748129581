// A matter accepted on Wednesday 2026-09-30 with a 2-working-day limit is due at the end of
// Friday 2026-10-09 (10-01..10-07 off for National Day): escalation leaves it alone on 10-09,
// raises it to the township level (乡镇) on 10-10 and to the county level (县) on 10-11.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { ADMIN, ok, list, civilAffairs, cnEpoch, pickOption } from './matters-helpers.mjs'

describe('deadlines over the National Day holiday escalate on the right day', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('due 2026-10-09; level 0 on 10-09, 乡镇 on 10-10, 县 on 10-11', async () => {
    requireServer()
    const unit = await civilAffairs()
    // A category with a 2-working-day limit (made for the test when the catalogue has none).
    let cats = list(await ok(ADMIN, 'GET', '/categories'))
    let category = cats.find((c) => c.completion_days === 2 && c.active !== false && !cats.some((x) => x.parent_id === c.id))
    if (!category) {
      category = await ok(ADMIN, 'POST', '/categories', {
        name: `两日办结测试${Date.now().toString(36)}`, keywords: '', default_unit_id: unit.id, response_hours: 4, completion_days: 2, active: true,
      })
      category = category.category || category
    }
    const hh = list(await ok(ADMIN, 'GET', '/households?page_size=1'))[0]
    assert.ok(hh, 'no household')
    const created = await ok(ADMIN, 'POST', '/matters', {
      type: 'help', channel: 'window', urgency: 'normal', category_id: category.id, household_id: hh.id,
      content: `国庆节前反映：村口路灯不亮，夜间出行不便（节假日期限测试 ${Date.now().toString(36)}）`,
      accepted_at: cnEpoch('2026-09-30 10:00'),
    })
    const matter = created.matter
    assert.ok(matter && matter.id, `POST /matters: ${JSON.stringify(created)}`)

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto(`/matters/${matter.id}`)
    const due = page.locator('[data-testid="matter-due"]')
    await due.waitFor()
    assert.match((await due.innerText()).trim(), /^2026-10-09/, 'due date shown')

    // Dispatch it to civil affairs.
    await page.locator('[data-testid="act-dispatch"]').click()
    await pickOption(page, 'dispatch-unit', `dispatch-unit-opt-${unit.id}`)
    await page.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
    await page.locator('[data-testid="matter-status"]', { hasText: '已派单' }).waitFor()
    assert.match((await due.innerText()).trim(), /^2026-10-09/, 'due date after dispatch')

    // Runs the escalation check from the supervision page "as of" a China time.
    async function runAt(when) {
      await page.goto('/supervision')
      const input = field(page, 'escalation-now')
      await input.waitFor()
      await input.fill(when)
      await input.press('Enter')
      await page.locator('.el-picker-panel').filter({ visible: true }).waitFor({ state: 'hidden' }).catch(() => {})
      const req = page.waitForRequest((r) => r.url().endsWith('/api/v1/escalation/run') && r.method() === 'POST')
      const res = page.waitForResponse((r) => r.url().endsWith('/api/v1/escalation/run'))
      await page.locator('[data-testid="escalation-run"]').click()
      const body = JSON.parse((await req).postData() || '{}')
      assert.equal(body.now, cnEpoch(when), `escalation run "now" for ${when}`)
      const r = await res
      assert.equal(r.status(), 200, `POST /escalation/run: ${await r.text()}`)
      await page.locator('[data-testid="escalation-result"]').waitFor()
      return ok(ADMIN, 'GET', `/matters/${matter.id}`)
    }

    // 10-09 17:00: still within the limit (nearly due), not escalated.
    let m = (await runAt('2026-10-09 17:00')).matter
    assert.equal(m.escalation_level || 0, 0, `level on 2026-10-09 17:00: ${JSON.stringify(m)}`)
    // Running it twice changes nothing (idempotent).
    m = (await runAt('2026-10-09 17:00')).matter
    assert.equal(m.escalation_level || 0, 0)

    // 10-10 09:00 (a make-up working day): overdue → level 1, shown on the supervisor's list.
    m = (await runAt('2026-10-10 09:00')).matter
    assert.equal(m.escalation_level, 1, `level on 2026-10-10 09:00: ${JSON.stringify(m)}`)
    // The API and the stored timeline name the level as the deployment does, too.
    assert.equal(m.escalation_label, '乡镇')
    // The escalated list of the matter's region (the demo county has many escalated matters).
    const escalatedList = `/supervision?kind=escalated&region_id=${m.region_id}&page_size=200`
    await page.goto(escalatedList)
    const level = page.locator(`[data-testid="matter-level-${matter.id}"]`)
    await level.waitFor()
    // Named as the demo county names its levels (县/乡镇/村/组), not 乡镇/街道.
    assert.equal((await level.innerText()).trim(), '乡镇')
    await shot(page, 'supervision')

    // 10-11 09:00: one more working day overdue → level 2.
    m = (await runAt('2026-10-11 09:00')).matter
    assert.equal(m.escalation_level, 2, `level on 2026-10-11 09:00: ${JSON.stringify(m)}`)
    assert.equal(m.escalation_label, '县')
    const timeline = (await ok(ADMIN, 'GET', `/matters/${matter.id}`)).events
      .filter((e) => e.kind === 'escalated').map((e) => e.text)
    assert.deepEqual(timeline.slice().sort(), ['逾期升级至乡镇', '逾期升级至县'])
    await page.goto(escalatedList)
    await page.locator(`[data-testid="matter-level-${matter.id}"]`, { hasText: /^\s*县\s*$/ }).waitFor()
    await shot(page, 'supervision-level2')

    await page.goto(`/matters/${matter.id}`)
    await page.locator('[data-testid="matter-escalation"]', { hasText: /升级至\s*县$/ }).waitFor()
    await page.locator('[data-testid="event-escalated"]').first().waitFor()
    await shot(page, 'matter-escalated')
    await page.context().close()
  })
})
