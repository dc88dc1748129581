// Residents help themselves (issue 15), on a 390 px phone:
// 1. a number the registry does not hold is refused at 获取验证码 with the whole message (see the
//    village assistant), and a mistyped number is caught before anything is sent;
// 2. a registry resident signs up with the code texted to their phone and lands on their own
//    matters page, with the bell in the header;
// 3. anyone holding a household's contact card reports a problem from /h/<code> with a code
//    texted to their phone and gets the receipt number, which names a matter the staff can open;
// 4. the resident who signed up logs in again with 验证码登录.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, shot, field } from './helpers.mjs'
import { ADMIN, ok } from './matters-helpers.mjs'
import { phonePage, pageErrors, registryPhone, cardCode, smsCodeFor, unknownPhone, nowEpoch } from './messages-helpers.mjs'

const noSideScroll = async (page, what) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what}: the page scrolls sideways by ${overflow} px`)
}

// Clicks 获取验证码 (`prefix`-get-code), checks the server's answer and waits for the "sent to"
// line; when the server asks to wait (one code a minute per phone), waits out the button's
// countdown and asks again. Returns when the code was asked for (epoch seconds).
async function getCode(page, prefix) {
  const button = page.locator(`[data-testid="${prefix}-get-code"]`)
  const ask = async () => {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/phone-codes')
    await button.click()
    return answered
  }
  let since = nowEpoch()
  let res = await ask()
  if (res.status() === 429) {
    await page.waitForFunction((sel) => !document.querySelector(sel)?.disabled, `[data-testid="${prefix}-get-code"]`, { timeout: 75000 })
    since = nowEpoch()
    res = await ask()
  }
  assert.equal(res.status(), 202, `POST /public/phone-codes: ${await res.text()}`)
  await page.locator(`[data-testid="${prefix}-code-sent"]`).waitFor()
  return since
}

describe('residents: sign up by phone, report from the contact card, log in by code', { timeout: 300000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('signs up with a texted code, reports from the card page, logs in with a code; strangers are sent to the assistant', async () => {
    requireServer()
    const { phone, resident } = await registryPhone()
    const page = await phonePage(browser)
    const errors = pageErrors(page)

    // The login page leads to 群众注册.
    await page.goto('/login')
    await page.locator('[data-testid="login-signup"]').click()
    await page.waitForURL(/\/signup$/)
    await field(page, 'signup-phone').waitFor()

    // 1. A mistyped number is caught here; one the registry lacks is refused with the full message.
    await field(page, 'signup-phone').fill('1381234567')
    await page.locator('[data-testid="signup-get-code"]').click()
    await page.locator('.el-form-item__error', { hasText: '请输入正确的11位手机号码' }).waitFor()
    assert.equal(await page.locator('[data-testid="signup-code-sent"]').count(), 0)
    await field(page, 'signup-phone').fill(unknownPhone('170'))
    await page.locator('[data-testid="signup-get-code"]').click()
    const refused = page.locator('[data-testid="signup-error"]')
    await refused.waitFor()
    const refusal = (await refused.innerText()).trim()
    assert.match(refusal, /请联系村（社区）代办员/, refusal)
    await noSideScroll(page, '/signup')
    await shot(page, 'signup-not-resident')

    // 2. The registry resident signs up.
    await field(page, 'signup-phone').fill(phone)
    const since = await getCode(page, 'signup')
    assert.match(await page.locator('[data-testid="signup-get-code"]').innerText(), /\d+\s*秒/, 'no countdown on 获取验证码')
    await field(page, 'signup-code').fill(await smsCodeFor(phone, since))
    // The registered name picks the resident when several share the phone.
    if (resident.name) await field(page, 'signup-name').fill(resident.name)
    await shot(page, 'signup-filled')
    await page.locator('[data-testid="signup-submit"]').click()
    const landed = await Promise.race([
      page.waitForURL(/\/my\/matters/).then(() => true),
      page.locator('[data-testid="signup-error"]', { hasText: /./ }).waitFor().then(() => false),
    ])
    if (!landed) assert.fail(`sign-up failed: ${(await page.locator('[data-testid="signup-error"]').innerText()).trim()}`)
    await page.locator('[data-testid="current-user"]').waitFor()
    await page.locator('[data-testid="bell"]').waitFor()
    await noSideScroll(page, '/my/matters')
    await shot(page, 'signup-home')
    assert.deepEqual(errors, [])

    // 3. The contact card page, without a login: 反映问题 with a code texted to another number.
    const card = await cardCode()
    const reporter = await phonePage(browser)
    const reporterErrors = pageErrors(reporter)
    await reporter.goto(`/h/${encodeURIComponent(card)}`)
    await reporter.locator('[data-testid="card-report-open"]').click()
    const content = `村东头的路灯坏了一个多月，晚上出门看不清路 ${Date.now().toString(36)}`
    await reporter.locator('[data-testid="card-report-content"]').fill(content)
    const reportPhone = unknownPhone('139')
    await reporter.locator('[data-testid="card-report-phone"]').fill(reportPhone)
    const reportSince = await getCode(reporter, 'card-report')
    await reporter.locator('[data-testid="card-report-code"]').fill(await smsCodeFor(reportPhone, reportSince))
    await shot(reporter, 'card-report-form')
    await reporter.locator('[data-testid="card-report-submit"]').click()
    const numberEl = reporter.locator('[data-testid="card-report-number"]')
    await Promise.race([numberEl.waitFor(), reporter.locator('[data-testid="card-report-error"]').waitFor()])
    if (!(await numberEl.isVisible())) assert.fail(`report failed: ${(await reporter.locator('[data-testid="card-report-error"]').innerText()).trim()}`)
    const number = (await numberEl.innerText()).trim()
    assert.ok(number.length > 0, 'no receipt number')
    const link = await reporter.locator('[data-testid="card-report-link"]').getAttribute('href')
    assert.ok(link && link.startsWith('/'), `receipt link ${link}`)
    await noSideScroll(reporter, '/h/ report')
    await shot(reporter, 'card-report-done')
    const filed = await ok(ADMIN, 'GET', `/matters/by-number/${encodeURIComponent(number)}`)
    assert.ok(JSON.stringify(filed).includes(content), 'the matter does not carry the reported text')
    assert.deepEqual(reporterErrors, [])
    await reporter.context().close()

    // 4. The resident logs out and in again with 验证码登录.
    await page.locator('[data-testid="logout"]').click()
    await page.waitForURL(/\/login/)
    await page.locator('[data-testid="login-tab-phone"]').click()
    await field(page, 'phone-login-phone').fill(phone)
    const loginSince = await getCode(page, 'phone-login')
    await field(page, 'phone-login-code').fill(await smsCodeFor(phone, loginSince))
    await page.locator('[data-testid="phone-login-submit"]').click()
    await page.waitForURL(/\/my\/matters/)
    await page.locator('[data-testid="current-user"]').waitFor()
    await shot(page, 'phone-login-home')
    assert.deepEqual(errors, [])
    await page.context().close()
  })
})
