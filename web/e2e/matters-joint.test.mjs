// Joint handling (主办/协办) and first-receiver disputes (首接负责, 争议) in the browser: the clerk
// dispatches with an assisting unit, the assisting unit finds it under its 协办 tab, signs for it
// and reports, the lead unit replies; a return with a reason from the list, the cap reached after
// a transfer, the unit's dispute and the clerk's arbitration from the disputes list.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot } from './helpers.mjs'
import {
  ADMIN, CLERK, HANDLER, ok, list, civilAffairs, civilCategory, pickOption, clerkHousehold,
  acceptMatter, dispatchedMatter, timelineWith,
} from './matters-helpers.mjs'

describe('matters: joint handling and disputes', { timeout: 300000 }, () => {
  let browser
  let unit
  let other
  let category
  let hh
  const stamp = Date.now().toString(36)
  const helper = { user: `xieban${stamp}`, password: 'Xieban-pass-2026!' }
  before(async () => {
    if (!process.env.MINQING_URL) return
    browser = await launch()
    unit = await civilAffairs()
    category = await civilCategory(unit.id)
    hh = await clerkHousehold()
    other = list(await ok(ADMIN, 'GET', '/units')).find((u) => u.id !== unit.id && /服务中心/.test(u.name))
    assert.ok(other, 'no service centre to assist')
    await ok(ADMIN, 'POST', '/users', { username: helper.user, display_name: '协办经办人', role: 'unit_handler', scope_unit_id: other.id, password: helper.password })
  })
  after(async () => {
    if (browser) await browser.close()
  })
  const submit = (page) => page.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
  const fill = (page, testid, text) => page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first().fill(text)

  it('dispatches with an assisting unit; it reports; the lead unit replies', async () => {
    requireServer()
    const m = await acceptMatter({ household_id: hh.id, category_id: category.id, content: `协办测试：占道经营油烟扰民 ${stamp}` })
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto(`/matters/${m.id}`)
    await clerk.locator('[data-testid="act-dispatch"]').click()
    await pickOption(clerk, 'dispatch-unit', `dispatch-unit-opt-${unit.id}`)
    await pickOption(clerk, 'assist-units', `assist-units-opt-${other.id}`)
    await submit(clerk)
    await clerk.locator(`[data-testid="assist-${other.id}"]`).waitFor()
    assert.match(await clerk.locator(`[data-testid="assist-status-${other.id}"]`).innerText(), /待签收/)
    await shot(clerk, 'joint-dispatched')
    await clerk.context().close()
    await ok(HANDLER, 'POST', `/matters/${m.id}/accept`)

    const page = await newPage(browser)
    await login(page, helper)
    await page.goto('/inbox?tab=assisting')
    await page.locator(`[data-testid="inbox-assisting-${m.id}"]`).waitFor()
    await page.locator(`[data-testid="inbox-open-${m.id}"]`).click()
    await page.locator('[data-testid="act-assist-accept"]').click()
    await page.locator('[data-testid="act-assist-report"]').waitFor()
    // The assisting unit has none of the lead unit's actions.
    for (const act of ['act-reply', 'act-transfer', 'act-return', 'act-accept', 'act-dispute']) {
      assert.equal(await page.locator(`[data-testid="${act}"]`).count(), 0, `${act} shown to the assisting unit`)
    }
    await page.locator('[data-testid="act-assist-report"]').click()
    const report = `已派员到现场，配合清理占道摊点 ${stamp}`
    await fill(page, 'assist-text', report)
    await submit(page)
    await page.locator(`[data-testid="assist-status-${other.id}"]`, { hasText: '已反馈' }).waitFor()
    await timelineWith(page, report)
    await shot(page, 'joint-assist-reported')
    await page.context().close()

    const lead = await newPage(browser)
    await login(lead, HANDLER)
    await lead.goto(`/matters/${m.id}`)
    await lead.locator(`[data-testid="assist-report-${other.id}"]`, { hasText: report }).waitFor()
    await lead.locator('[data-testid="act-reply"]').click()
    await fill(lead, 'reply-text', `经主办、协办单位共同处理，占道摊点已清理 ${stamp}`)
    await submit(lead)
    await lead.locator('[data-testid="matter-status"]', { hasText: '已答复' }).waitFor()
    await shot(lead, 'joint-replied')
    await lead.context().close()
  })

  it('returns with a listed reason; at the cap the unit raises a dispute; the clerk arbitrates', async () => {
    requireServer()
    const m = await dispatchedMatter({ household_id: hh.id, category_id: category.id, content: `争议测试：排水沟堵塞 ${stamp}` }, unit.id)
    const lead = await newPage(browser)
    await login(lead, HANDLER)
    await lead.goto(`/matters/${m.id}`)
    await lead.locator('[data-testid="act-return"]').click()
    await pickOption(lead, 'reason-code', 'reason-code-opt-地址/区域错误')
    const reason = `地址在邻村，请核实 ${stamp}`
    await fill(lead, 'action-reason', reason)
    await submit(lead)
    const tl = await timelineWith(lead, reason)
    assert.match(tl, /地址\/区域错误/)
    await lead.context().close()

    // Dispatched again, transferred to the other unit: two moves, the default cap.
    await ok(CLERK, 'POST', `/matters/${m.id}/dispatch`, { unit_id: unit.id })
    await ok(HANDLER, 'POST', `/matters/${m.id}/transfer`, { unit_id: other.id, reason_code: '需要其他单位主办', reason: `属属地管理 ${stamp}` })

    const page = await newPage(browser)
    await login(page, helper)
    await page.goto(`/matters/${m.id}`)
    await page.locator('[data-testid="act-return"]').click()
    await pickOption(page, 'reason-code', 'reason-code-opt-不属于本单位职责')
    await fill(page, 'action-reason', '不归本单位')
    await submit(page)
    const err = page.locator('[data-testid="dialog-error"]').filter({ visible: true })
    await err.waitFor()
    assert.match(await err.innerText(), /上限/)
    await shot(page, 'joint-return-capped')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="act-dispute"]').click()
    await pickOption(page, 'reason-code', 'reason-code-opt-不属于本单位职责')
    await fill(page, 'action-reason', `排水沟属水务设施 ${stamp}`)
    await submit(page)
    await page.locator('[data-testid="disputes-card"]', { hasText: '待裁定' }).waitFor()
    await page.context().close()

    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/')
    await clerk.locator('[data-testid="work-disputes_pending-value"]').waitFor()
    await clerk.goto('/disputes')
    const disputes = await ok(CLERK, 'GET', '/matters/disputes')
    const d = list(disputes).find((x) => x.matter_id === m.id)
    assert.ok(d, 'the dispute is listed for the clerk')
    await clerk.locator(`[data-testid="dispute-arbitrate-${d.id}"]`).click()
    await clerk.locator('[data-testid="dialog-arbitrate"]').filter({ visible: true }).waitFor()
    await pickOption(clerk, 'arbitrate-unit', `arbitrate-unit-opt-${other.id}`)
    await fill(clerk, 'arbitrate-decision', `村内排水沟属属地管理，由本单位办理 ${stamp}`)
    await submit(clerk)
    await clerk.locator('[data-testid="disputes-card"]', { hasText: '已裁定' }).waitFor()
    await shot(clerk, 'joint-arbitrated')
    await clerk.context().close()
    const after = await ok(ADMIN, 'GET', `/matters/${m.id}`)
    assert.equal(after.matter.unit_id, other.id)
    assert.ok(after.events.some((e) => e.kind === 'dispute_decided'))
  })
})
