// Run by scripts/deploy_test.sh (not a test file of its own): a browser login through nginx over
// HTTPS with the self-signed certificate of that test. Usage:
//   node web/e2e/deploy-login.mjs https://minqing.test:PORT USER PASSWORD SCREENSHOT.png
// The host name is mapped to 127.0.0.1 inside Chromium. Prints one line "ok ..." and exits 0 when
// the workbench shows and the session cookie is Secure and HttpOnly; otherwise prints why, exits 1.
import { chromium } from 'playwright-core'

const [url, user, password, screenshot] = process.argv.slice(2)
const host = new URL(url).hostname
const browser = await chromium.launch({
  executablePath: process.env.MINQING_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--host-resolver-rules=MAP ${host} 127.0.0.1`],
})
let status = 1
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(20000)
  await page.goto(`${url}/login`)
  const input = (id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first()
  await input('login-username').fill(user)
  await input('login-password').fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.locator('[data-testid="product-name"]').waitFor()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true })
  const cookie = (await context.cookies()).find((c) => c.name === 'mq_session')
  if (!cookie) console.log('no mq_session cookie after login')
  else if (!cookie.secure || !cookie.httpOnly) console.log(`session cookie not Secure/HttpOnly: ${JSON.stringify(cookie)}`)
  else if (!page.url().startsWith('https://')) console.log(`not on HTTPS: ${page.url()}`)
  else {
    console.log(`ok: logged in at ${page.url()} with a Secure, HttpOnly session cookie`)
    status = 0
  }
} catch (e) {
  console.log(`browser login failed: ${e.message}`)
} finally {
  await browser.close()
}
process.exit(status)
