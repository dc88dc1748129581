// Extension requests (延期申请) and honest outcomes (办结类型) in the browser: the handler asks for
// more time, the window clerk (a dispatcher) sees it on the workbench and approves it, and the
// deadline shown on the matter page moves; the handler proposes 不属实 and the leader approves it,
// and the matter shows as closed and excluded. Set-up (intake, dispatch, sign-for) through the API.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot } from './helpers.mjs'
import { ADMIN, CLERK, HANDLER, LEADER, ok, civilAffairs, civilCategory, clerkHousehold, dispatchedMatter, timelineWith } from './matters-helpers.mjs'

const textarea = (page, testid) => page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()
const submit = (page) => page.locator('[data-testid="request-dialog-submit"]').filter({ visible: true }).click()

describe('matters: extension requests and honest outcomes', { timeout: 240000 }, () => {
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

  it('the handler asks for an extension, the dispatcher approves it, the deadline moves', async () => {
    requireServer()
    const m = await dispatchedMatter({ household_id: hh.id, category_id: category.id, content: `延期测试 ${stamp}` }, unit.id, true)
    const before = (await ok(ADMIN, 'GET', `/matters/${m.id}`)).matter

    const page = await newPage(browser)
    await login(page, HANDLER)
    await page.goto(`/matters/${m.id}`)
    const dueBefore = await page.locator('[data-testid="matter-due"]').innerText()
    await page.locator('[data-testid="act-ask-extension"]').click()
    await page.locator('[data-testid="extension-mode"]').getByText('延长工作日').click()
    const reason = `需要民政局复核家庭收入材料 ${stamp}`
    await textarea(page, 'extension-reason').fill(reason)
    await submit(page)
    await timelineWith(page, reason)
    await page.locator('[data-testid="request-extension-pending"]').waitFor()
    assert.equal(await page.locator('[data-testid="act-ask-extension"]').count(), 0, 'no second request while one waits')
    await shot(page, 'extension-asked')
    await page.context().close()

    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.goto('/')
    const tile = clerk.locator('[data-testid="work-pending_extensions-value"]')
    await tile.waitFor()
    assert.ok(Number(await tile.innerText()) >= 1, 'the workbench counts the pending extension')
    await clerk.locator('[data-testid="work-pending_extensions"]').click()
    await clerk.locator('[data-testid="matter-list"]').getByText(m.number).first().waitFor()
    await clerk.goto(`/matters/${m.id}`)
    await clerk.locator('[data-testid="act-decide-extension"]').click()
    await clerk.locator('[data-testid="request-pending-summary"]').getByText(reason.split(' ')[0]).waitFor()
    await textarea(clerk, 'decision-note').fill('同意，请按新期限办结')
    await submit(clerk)
    await clerk.locator('[data-testid="matter-extended"]').waitFor()
    await clerk.locator('[data-testid="request-extension-approved"]').waitFor()
    await timelineWith(clerk, '同意延期')
    const dueAfter = await clerk.locator('[data-testid="matter-due"]').innerText()
    assert.notEqual(dueAfter, dueBefore, 'the deadline shown changed')
    const after = (await ok(ADMIN, 'GET', `/matters/${m.id}`)).matter
    assert.ok(after.due_at > before.due_at, 'the deadline moved later')
    assert.equal(after.extension_count, 1)
    await shot(clerk, 'extension-approved')
    await clerk.context().close()
  })

  it('the handler proposes 不属实, the leader approves it, the matter shows as excluded', async () => {
    requireServer()
    const m = await dispatchedMatter({ household_id: hh.id, category_id: category.id, content: `办结类型测试 ${stamp}` }, unit.id, true)

    const page = await newPage(browser)
    await login(page, HANDLER)
    await page.goto(`/matters/${m.id}`)
    await page.locator('[data-testid="act-propose-outcome"]').click()
    await page.locator('[data-testid="outcome-kind"]').getByText('不属实').click()
    const reason = `经入户核实，家庭收入高于低保标准 ${stamp}`
    await textarea(page, 'outcome-reason').fill(reason)
    await submit(page)
    await page.locator('[data-testid="request-outcome-pending"]').waitFor()
    await timelineWith(page, reason)
    assert.equal(await page.locator('[data-testid="act-decide-outcome"]').count(), 0, 'the handler cannot approve it')
    assert.equal(await page.locator('[data-testid="matter-outcome"]').count(), 0, 'not excluded before approval')
    await page.context().close()

    const leader = await newPage(browser)
    await login(leader, LEADER)
    await leader.goto('/')
    const tile = leader.locator('[data-testid="work-pending_outcomes-value"]')
    await tile.waitFor()
    assert.ok(Number(await tile.innerText()) >= 1, 'the leader sees the outcome waiting')
    await leader.goto(`/matters/${m.id}`)
    await leader.locator('[data-testid="act-decide-outcome"]').click()
    await submit(leader)
    await leader.locator('[data-testid="matter-outcome"]', { hasText: '不属实' }).waitFor()
    await leader.locator('[data-testid="matter-status"]', { hasText: '已办结' }).waitFor()
    await leader.locator('[data-testid="request-outcome-approved"]').waitFor()
    const detail = await ok(ADMIN, 'GET', `/matters/${m.id}`)
    assert.equal(detail.matter.outcome, 'unfounded')
    assert.equal(detail.matter.status, 'closed')
    await shot(leader, 'outcome-approved')
    await leader.context().close()
  })
})
