// The map's draw time in Chromium (playwright-core + /usr/bin/chromium) on a served demo county:
// the leader opens /map (one request: the county's households and a year of matters) and the page
// reports the time from setOption to the chart's `finished` event and from the request to it.
// Baseline, measured in the same page and run: drawing the same number of points as 2-pixel
// squares on an empty canvas of the same size with the plain 2D API. Prints
//   map_draw points=N draw_ms=D total_ms=T payload_kb=K baseline_canvas_ms=B ratio=D/B
//            tag_stats_ms=S (GET /api/v1/tag-stats, county, last 365 days)
// Usage: MINQING_URL=http://127.0.0.1:8080 node bench/map_draw.mjs [rounds]   (see map_draw.sh)
import { createRequire } from 'node:module'

// playwright-core is a dependency of the web UI (web/node_modules).
const { chromium } = createRequire(new URL('../web/package.json', import.meta.url))('playwright-core')

const base = (process.env.MINQING_URL || '').replace(/\/+$/, '')
if (!base) throw new Error('set MINQING_URL to a server with the demo county (bench/map_draw.sh does)')
const rounds = Number(process.argv[2] || 5)
const user = process.env.MINQING_LEADER_USER || 'leader'
const password = process.env.MINQING_DEMO_PASSWORD || 'demo123456'

const browser = await chromium.launch({
  executablePath: process.env.MINQING_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(60000)
  await page.goto('/login')
  await page.locator('input[data-testid="login-username"], [data-testid="login-username"] input').first().fill(user)
  await page.locator('input[data-testid="login-password"], [data-testid="login-password"] input').first().fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  let payload = 0
  page.on('response', async (r) => {
    if (r.url().includes('/api/v1/map?')) payload = Number(r.headers()['content-length'] || (await r.body()).length)
  })
  const draws = []
  const totals = []
  const baselines = []
  let points = 0
  for (let i = 0; i < rounds; i += 1) {
    await page.goto('/map')
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="map-chart"]')?.dataset.draws || 0) >= 1)
    const m = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="map-chart"]')
      return { draw: Number(el.dataset.drawMs), total: Number(el.dataset.totalMs), n: Number(el.dataset.households) + Number(el.dataset.matters), w: el.clientWidth, h: el.clientHeight }
    })
    points = m.n
    draws.push(m.draw)
    totals.push(m.total)
    baselines.push(await page.evaluate(({ n, w, h }) => {
      const canvas = document.createElement('canvas')
      canvas.width = w
      canvas.height = h
      document.body.appendChild(canvas)
      const ctx = canvas.getContext('2d')
      let seed = 1
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
      const xs = new Float32Array(n)
      const ys = new Float32Array(n)
      for (let i = 0; i < n; i += 1) { xs[i] = rnd() * w; ys[i] = rnd() * h }
      const t0 = performance.now()
      ctx.fillStyle = '#7a8ba3'
      for (let i = 0; i < n; i += 1) ctx.fillRect(xs[i], ys[i], 2, 2)
      ctx.getImageData(0, 0, 1, 1)
      const ms = performance.now() - t0
      canvas.remove()
      return ms
    }, m))
  }
  // The tag statistics of the whole county over a year, as the panel asks (request round trip).
  const tagStats = []
  for (let i = 0; i < rounds; i += 1) {
    tagStats.push(await page.evaluate(async () => {
      const t0 = performance.now()
      const res = await fetch('/api/v1/tag-stats', { credentials: 'same-origin' })
      await res.json()
      return Math.round(performance.now() - t0)
    }))
  }
  const d = median(draws)
  const b = median(baselines)
  console.log(`map_draw points=${points} draw_ms=${d} total_ms=${median(totals)} payload_kb=${Math.round(payload / 1024)} baseline_canvas_ms=${b.toFixed(1)} ratio=${(d / Math.max(b, 0.1)).toFixed(1)} tag_stats_ms=${median(tagStats)} rounds=${rounds}`)
} finally {
  await browser.close()
}
