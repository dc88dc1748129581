// The home page's workbench and the resident's own matters: a resident scans the household's
// contact card on a phone, logs in, reports a matter with a photo, and follows it; the window
// clerk's workbench counts it and leads to it; the handler's tiles lead to lists of the same size.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, shot, field, login } from './helpers.mjs'
import { PASSWORD, CLERK, HANDLER, ADMIN, ok, list } from './matters-helpers.mjs'

const RESIDENT = { user: process.env.MINQING_RESIDENT_USER || 'resident', password: PASSWORD }

// A 1×1 PNG, the smallest photo a phone could send.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function phonePage(browser) {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

// The code printed on the resident's household contact card, read from the village's network tree.
async function residentCardCode() {
  const own = list(await ok(RESIDENT, 'GET', '/households?page_size=1'))[0]
  assert.ok(own, 'the demo resident has no household')
  let region = await ok(ADMIN, 'GET', `/regions/${own.region_id}`)
  if (region.level === 'group') region = await ok(ADMIN, 'GET', `/regions/${region.parent_id}`)
  const tree = await ok(ADMIN, 'GET', `/network/villages/${region.id}`)
  for (const g of tree.groups || []) {
    for (const m of g.members || []) {
      for (const h of m.households || []) if (h.household_id === own.id && h.card_code) return h.card_code
    }
  }
  assert.fail(`the resident's household ${own.id} has no contact card`)
}

describe('workbench and the resident\'s own matters', () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('a resident reports through the contact card on a phone; the clerk\'s workbench counts it and leads to it', async () => {
    const code = await residentCardCode()
    const before = await ok(CLERK, 'GET', '/matters/workload')

    // 1. The card's QR code opens the household page; 反映诉求 asks for a login, then the form.
    const phone = await phonePage(browser)
    await phone.goto(`/h/${code}`)
    await phone.locator('[data-testid="household-public-raise"]').click()
    await field(phone, 'login-username').fill(RESIDENT.user)
    await field(phone, 'login-password').fill(RESIDENT.password)
    await phone.locator('[data-testid="login-submit"]').click()
    await phone.locator('[data-testid="my-raise"]').waitFor()
    assert.match(phone.url(), /\/my\/matters\?via=card/)
    await phone.locator('[data-testid="my-via-card"]').waitFor()
    assert.equal(await phone.locator('[data-testid="nav-open"]').isVisible(), true, 'a phone gets the menu button')

    // 2. The matter, with a suggested category and a photo.
    const stamp = `E2E${Date.now().toString(36)}`
    const content = `村口路灯坏了三盏，晚上出行不便 ${stamp}`
    await phone.locator('[data-testid="my-type-report"]').click()
    const previewed = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters/intake-preview')
    await phone.locator('textarea[data-testid="my-content"], [data-testid="my-content"] textarea').first().fill(content)
    await previewed
    await phone.locator('[data-testid="my-photo"]').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG })
    await shot(phone, 'resident-report')
    const created = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' && r.request().method() === 'POST')
    const uploaded = phone.waitForResponse((r) => /\/api\/v1\/matters\/\d+\/attachments$/.test(new URL(r.url()).pathname))
    await phone.locator('[data-testid="my-submit"]').click()
    const res = await created
    const body = await res.json()
    assert.equal(res.status(), 201, JSON.stringify(body))
    assert.equal(body.matter.channel, 'qr_code')
    assert.equal(body.matter.type, 'report')
    assert.equal((await uploaded).status(), 201)
    const number = body.matter.number
    assert.equal((await phone.locator('[data-testid="my-submitted-number"]').innerText()).trim(), number)
    // The list shows it, and the matter kept its photo.
    await phone.locator(`[data-testid="my-item-${body.matter.id}"]`).waitFor()
    assert.equal((await phone.locator(`[data-testid="my-status-${body.matter.id}"]`).innerText()).trim(), '已受理')
    const detail = await ok(ADMIN, 'GET', `/matters/${body.matter.id}`)
    assert.deepEqual(detail.attachments.map((a) => a.content_type), ['image/png'])
    await shot(phone, 'resident-my-matters')

    // 3. The clerk's workbench counts one more matter to dispatch and accepted today.
    const clerk = await newPage(browser)
    await login(clerk, CLERK)
    await clerk.locator('[data-testid="workbench"]').waitFor()
    const tile = async (key) => Number((await clerk.locator(`[data-testid="work-${key}-value"]`).innerText()).trim())
    assert.equal(await tile('to_dispatch'), before.to_dispatch + 1)
    assert.equal(await tile('accepted_today'), before.accepted_today + 1)
    assert.equal(await clerk.locator('[data-testid="work-to_sign"]').count(), 0, 'a clerk has no unit queue')
    await shot(clerk, 'clerk-workbench')
    // The tile leads to the inbox, where the resident's matter waits to be dispatched.
    await clerk.locator('[data-testid="work-to_dispatch"]').click()
    await clerk.waitForURL(/\/inbox$/)
    await field(clerk, 'inbox-q').fill(stamp)
    await field(clerk, 'inbox-q').press('Enter')
    await clerk.locator(`[data-testid="matter-row-${body.matter.id}"]`).waitFor()
    await clerk.context().close()

    // 4. The resident follows it on the public page the list links to.
    await phone.locator(`[data-testid="my-open-${body.matter.id}"]`).click()
    await phone.locator('[data-testid="public-page"]').waitFor()
    assert.equal((await phone.locator('[data-testid="public-number"]').innerText()).trim(), number)
    await phone.context().close()
  })

  it('each of the handler\'s tiles leads to a list of as many matters as it counts', async () => {
    const handler = await newPage(browser)
    await login(handler, HANDLER)
    await handler.locator('[data-testid="workbench"]').waitFor()
    // A unit handler's home is the workbench alone: no registry counts they may not read.
    assert.equal(await handler.locator('[data-testid="overview-households"]').count(), 0)
    assert.equal(await handler.locator('[data-testid="work-to_dispatch"]').count(), 0)
    await handler.locator('[data-testid="workbench-urgent"]').waitFor()
    for (const [key, tab] of [['to_sign', 'dispatched'], ['handling', 'in_progress'], ['overdue', 'overdue']]) {
      await handler.goto('/')
      const value = Number((await handler.locator(`[data-testid="work-${key}-value"]`).innerText()).trim())
      const listed = handler.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' && r.request().method() === 'GET')
      await handler.locator(`[data-testid="work-${key}"]`).click()
      const page = await (await listed).json()
      assert.match(handler.url(), new RegExp(`/inbox\\?tab=${tab}$`))
      assert.equal(page.total, value, `${key}: the tile says ${value}, the inbox lists ${page.total}`)
    }
    assert.ok(Number((await ok(HANDLER, 'GET', '/matters/workload')).handling) > 0, 'the demo handler has matters in hand')
    await shot(handler, 'handler-workbench')
    await handler.context().close()
  })
})
