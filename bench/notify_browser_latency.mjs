// The time from a dispatch to its notification appearing in a real browser page: headless
// Chromium (playwright-core, /usr/bin/chromium) signed in as the demo handler, the bell's list
// open; another session (the clerk, through the API) dispatches matters to the handler's unit one
// at a time. In the page a MutationObserver stamps (Date.now()) the moment each message's entry
// is added to the open list; the latency is that stamp minus the moment just before the dispatch
// request was sent, both on this machine's clock. It covers the server's feed poller, the event
// stream, the page's EventSource handler, its reload of the list and Vue's render.
// For bench/messages_bench.sh (idle, and while wrk posts matters), or on its own:
//   node bench/notify_browser_latency.mjs BASE_URL [samples=30] [label=idle]
// Prints: notify_browser_latency label=… samples=… p50_ms=… p95_ms=… max_ms=… (target p95 < 1 s)
import { createRequire } from 'node:module'

const require = createRequire(new URL('../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

const base = process.argv[2]
const samples = Number(process.argv[3] || 30)
const label = process.argv[4] || 'idle'
const PASSWORD = 'demo123456'

async function login(username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`)
  return (await r.json()).token
}
async function call(token, method, path, body) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = await r.json().catch(() => ({}))
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
  return json
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

const clerk = await login('clerk')
const handlerApi = await login('handler')
const unit = (await call(handlerApi, 'GET', '/auth/me')).user.scope_unit_id
const household = (await call(clerk, 'GET', '/households?page_size=1')).items[0].id
const category = (await call(clerk, 'GET', '/categories')).items[0].id

const browser = await chromium.launch({
  executablePath: process.env.MINQING_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
  // Every entry added to the page (the bell's list) is stamped once, by its data-testid.
  await context.addInitScript(() => {
    window.__appeared = {}
    const stamp = (node) => {
      if (!(node instanceof Element)) return
      const found = node.matches('[data-testid^="bell-item-"]') ? [node] : node.querySelectorAll('[data-testid^="bell-item-"]')
      const now = Date.now()
      for (const el of found) {
        const id = el.getAttribute('data-testid')
        if (!(id in window.__appeared)) window.__appeared[id] = now
      }
    }
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) stamp(n)
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20000)
  await page.goto('/login')
  await page.locator('input[data-testid="login-username"], [data-testid="login-username"] input').first().fill('handler')
  await page.locator('input[data-testid="login-password"], [data-testid="login-password"] input').first().fill(PASSWORD)
  await page.locator('[data-testid="login-submit"]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.locator('[data-testid="bell"][data-mode="live"]').waitFor()
  await page.locator('[data-testid="bell"]').click()
  await page.locator('[data-testid="bell-list"]').waitFor()

  const latencies = []
  for (let i = 0; i < samples; i++) {
    const m = await call(clerk, 'POST', '/matters', {
      type: 'help', category_id: category, household_id: household, channel: 'window',
      content: `浏览器通知延迟测试 ${label} ${i} 村口路灯坏了`,
    })
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 200))  // Off the poller's beat.
    const t0 = Date.now()
    await call(clerk, 'POST', `/matters/${m.matter.id}/dispatch`, { unit_id: unit })
    const mine = await call(handlerApi, 'GET', '/notifications?page_size=20')
    const note = mine.items.find((n) => n.link === `/matters/${m.matter.id}`)
    if (!note) throw new Error(`no notification of matter ${m.matter.id}`)
    const testid = `bell-item-${note.id}`
    await page.waitForFunction((id) => id in window.__appeared, testid, { timeout: 10000 })
    latencies.push((await page.evaluate((id) => window.__appeared[id], testid)) - t0)
  }
  console.log(`notify_browser_latency label=${label} samples=${samples} p50_ms=${pct(latencies, 50)} ` +
    `p95_ms=${pct(latencies, 95)} max_ms=${Math.max(...latencies)} (target p95 < 1000 ms)`)
} finally {
  await browser.close()
}
process.exit(0)
