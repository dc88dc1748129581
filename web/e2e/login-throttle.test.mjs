// The login page under throttling: each wrong password says how many attempts are left; after
// the fifth the page counts down the wait and will not submit, while another account logs in
// from the same computer (a service hall behind one address is not locked out). And the banner
// of a development server (serve --dev-sms), whose text messages are never really sent.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'

// An account no other test uses: its wait must not hold up the others (the throttle counts
// unknown usernames like real ones, so the page cannot tell them apart).
const PROBE = 'e2e-throttle-probe'

describe('login throttling in the browser', { timeout: 120000 }, () => {
  let browser

  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('shows the attempts left, then the wait, and another account still logs in', async () => {
    requireServer()
    const page = await newPage(browser)
    await page.goto('/login')
    await field(page, 'login-username').fill(PROBE)
    for (let attempt = 1; attempt <= 4; attempt++) {
      await field(page, 'login-password').fill(`wrong-password-${attempt}`)
      await page.locator('[data-testid="login-submit"]').click()
      const left = page.locator('[data-testid="login-attempts"]')
      await left.filter({ hasText: `还可尝试 ${5 - attempt} 次` }).waitFor()
    }
    await shot(page, 'login-attempts-left')
    await field(page, 'login-password').fill('wrong-password-5')
    await page.locator('[data-testid="login-submit"]').click()
    const wait = page.locator('[data-testid="login-wait"]')
    await wait.waitFor()
    const text = await wait.innerText()
    const seconds = Number((text.match(/(\d+)\s*秒/) || [])[1])
    assert.ok(seconds > 0 && seconds <= 60, `expected a wait of at most 60 s, got: ${text}`)
    assert.ok(await page.locator('[data-testid="login-submit"]').isDisabled(), 'submit stays enabled during the wait')
    await shot(page, 'login-wait')

    // The server refuses the pair too, whatever the page does.
    const refused = await page.request.post(`${BASE}/api/v1/auth/login`, {
      data: { username: PROBE, password: 'anything-else-1' },
    })
    assert.equal(refused.status(), 429)
    assert.ok(Number(refused.headers()['retry-after']) > 0, 'no Retry-After header')
    assert.equal((await refused.json()).error.code, 'auth.rate_limited')

    // Someone else at the same computer (same address) is not locked out.
    const other = await newPage(browser)
    await login(other, ADMIN)
    await other.context().close()
    await page.context().close()
  })

  it('shows the development banner on a --dev-sms server', async () => {
    requireServer()
    const page = await newPage(browser)
    await page.goto('/login')
    const banner = page.locator('[data-testid="dev-banner"]')
    await banner.waitFor()
    assert.match(await banner.innerText(), /开发模式：短信不会真正发出/)
    const health = await page.request.get(`${BASE}/api/v1/health`)
    assert.equal((await health.json()).dev_sms, true)
    await page.context().close()
  })
})
