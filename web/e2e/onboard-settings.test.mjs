// The public URL (对外网址) set in the browser: an administrator opens 系统设置, sees that the
// address is unset and names this machine, is refused a URL with a path (Chinese reason), saves a
// real one, and every household card's QR link (the card page's JSON) starts with it, while the
// card code printed under the old address still opens the household's page. A party member can
// neither read nor change the setting, and the change is in the audit log with before and after.
// The test puts the server's own address back at the end, so the other tests' links still open.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { MEMBER, apiLogin, call, itemsOf } from './network-helpers.mjs'

const NEW_BASE = 'https://minqing.example.gov.cn'

// A household's card code from the demo member's village network (built first when empty).
async function someCardCode(adminToken, memberToken) {
  const me = await call(memberToken, 'GET', '/auth/me')
  const villageId = me.body.user.scope_region_id
  let tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  const codes = () => (tree.body.groups || []).flatMap((g) => (g.members || []).flatMap((m) => (m.households || []).map((h) => h.card_code))).filter(Boolean)
  if (!codes().length) {
    const plan = await call(adminToken, 'POST', `/network/villages/${villageId}/preview`, {})
    assert.equal((await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})).status, 200)
    tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  }
  assert.ok(codes().length > 0, 'no household of the village has a card code')
  return codes()[0]
}

describe('the public URL set in the browser', { timeout: 180000 }, () => {
  let browser
  let adminToken
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (adminToken) await call(adminToken, 'PUT', '/system/public-url', { public_url: BASE })
    if (browser) await browser.close()
  })

  it('an administrator sets it and the cards\' QR links follow; printed cards keep working', async () => {
    requireServer()
    adminToken = await apiLogin(ADMIN)
    const memberToken = await apiLogin(MEMBER)
    const code = await someCardCode(adminToken, memberToken)
    const before = await call(null, 'GET', `/public/households/${encodeURIComponent(code)}`)
    assert.equal(before.status, 200)
    assert.equal(before.body.public_url, `${BASE}/h/${code}`, 'unset: the card points at this server')

    // The member may neither read nor change it.
    assert.equal((await call(memberToken, 'GET', '/system/public-url')).status, 403)
    assert.equal((await call(memberToken, 'GET', '/system/partitions')).status, 403)
    const refused = await call(memberToken, 'PUT', '/system/public-url', { public_url: 'https://evil.example.com' })
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.code, 'auth.forbidden')

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.locator('[data-testid="nav-system"]').click()
    await page.locator('[data-testid="system-page"]').waitFor()
    assert.equal((await page.locator('[data-testid="system-public-url"]').innerText()).trim(), BASE)
    assert.match(await page.locator('[data-testid="system-public-url-source"]').innerText(), /未设置/)
    await page.locator('[data-testid="system-loopback"]').waitFor()
    // The month partitions card: this test server runs on SQLite, which partitions nothing.
    await page.locator('[data-testid="system-partitions-sqlite"]', { hasText: 'SQLite 数据库，不分区' }).waitFor()
    assert.equal(await page.locator('[data-testid="system-partitions-table"]').count(), 0)
    await shot(page, 'system-public-url-unset')

    // A path is refused with a Chinese reason, and nothing changes.
    await field(page, 'system-public-url-input').fill(`${NEW_BASE}/minqing?x=1`)
    await page.locator('[data-testid="system-public-url-save"]').click()
    await page.locator('.el-form-item__error', { hasText: '不能带路径' }).waitFor()
    assert.equal((await call(null, 'GET', `/public/households/${encodeURIComponent(code)}`)).body.public_url, `${BASE}/h/${code}`)

    await field(page, 'system-public-url-input').fill(`${NEW_BASE}/`)
    await page.locator('[data-testid="system-public-url-save"]').click()
    await page.locator('[data-testid="system-public-url"]', { hasText: NEW_BASE }).waitFor()
    assert.match(await page.locator('[data-testid="system-public-url-source"]').innerText(), /系统设置/)
    assert.equal(await page.locator('[data-testid="system-loopback"]').count(), 0)
    await shot(page, 'system-public-url-set')

    // The card printed before the change opens the same household; its QR link is the new base.
    const after = await call(null, 'GET', `/public/households/${encodeURIComponent(code)}`)
    assert.equal(after.status, 200)
    assert.equal(after.body.card_code, code)
    assert.equal(after.body.head_name, before.body.head_name)
    assert.equal(after.body.public_url, `${NEW_BASE}/h/${code}`)
    // The household page behind the old link still loads in the browser.
    await page.goto(`/h/${encodeURIComponent(code)}`)
    await page.getByText(before.body.head_name).first().waitFor()
    // The web UI's receipts use it too.
    assert.equal((await call(null, 'GET', '/health')).body.public_url, NEW_BASE)

    // Audited with before and after.
    const log = itemsOf((await call(adminToken, 'GET', '/audit?entity=setting')).body)
    const entry = log.find((e) => e.action === 'settings.public_url')
    assert.ok(entry, 'no audit entry for the public URL')
    assert.match(JSON.stringify(entry), /minqing\.example\.gov\.cn/)
  })
})
