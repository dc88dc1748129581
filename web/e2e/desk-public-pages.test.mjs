// The pages residents open from a QR code, as a village phone gets them (issue 13, items 3 and 7).
// 1. A matter's receipt page /p/<number>?t=<token> and a household's card page /h/<code>, each
//    opened with a cold cache on a throttled network (150 ms latency, 1.6 Mbit/s down and up):
//    everything the page downloads adds up to under 200 KB on the wire, and its main content is
//    visible within 3 s (the fastest of three cold loads). Both figures are printed, with when each
//    response finished.
// 2. On a 375 px phone, the card page lists the visits waiting for the household's confirmation
//    with date, visitor and role; the household picks one (not the newest) and confirms it with
//    the code sent to the head of household's phone; the other visit stays waiting.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, requireServer, launch, shot, field } from './helpers.mjs'
import { MEMBER, apiLogin, call, smsCode } from './network-helpers.mjs'
import { CLERK, ok, civilAffairs, civilCategory, clerkHousehold } from './matters-helpers.mjs'

const BUDGET_BYTES = 200000
const BUDGET_MS = 3000
// Chromium's throttling: latency in ms, throughput in bytes per second.
const VILLAGE_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 }

async function phoneContext(browser, lang = 'zh') {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript((l) => {
    try { localStorage.setItem('mq_lang', l) } catch { /* about:blank */ }
  }, lang)
  return context
}

// Opens `url` in a fresh context (cold cache) on the village network; returns the bytes every
// response took on the wire (CDP encodedDataLength: headers and compressed body), the time from
// the start of navigation until `main` is visible, and per response when it finished (from the
// first request).
async function measureOnce(browser, url, main, name) {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(30000)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Network.emulateNetworkConditions', VILLAGE_NETWORK)
  const responses = new Map()
  const finished = new Map()
  let t0 = null
  cdp.on('Network.requestWillBeSent', (e) => { if (t0 === null) t0 = e.timestamp })
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers || {}).map(([k, v]) => [k.toLowerCase(), v]))
    responses.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] || '', type: e.type })
  })
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, { bytes: e.encodedDataLength, at: e.timestamp }))
  cdp.on('Network.loadingFailed', (e) => finished.set(e.requestId, { bytes: 0, at: e.timestamp }))

  // The page's own clock: milliseconds from the start of navigation (performance.timeOrigin) to
  // the first frame after `main` is in the page with text and a box; the test driver's polling
  // does not count.
  await page.addInitScript((selector) => {
    const seen = () => {
      const el = document.querySelector(selector)
      return el && el.textContent.trim() !== '' && el.getClientRects().length > 0
    }
    const watch = new MutationObserver(() => {
      if (!seen()) return
      watch.disconnect()
      requestAnimationFrame(() => { window.__mqVisibleAt = performance.now() })
    })
    watch.observe(document, { childList: true, subtree: true, characterData: true })
  }, main)
  await page.goto(url, { waitUntil: 'commit' })
  await page.locator(main).waitFor({ state: 'visible' })
  await page.waitForFunction(() => window.__mqVisibleAt !== undefined)
  const visibleMs = Math.round(await page.evaluate(() => window.__mqVisibleAt))
  assert.notEqual((await page.locator(main).innerText()).trim(), '', `${main} is empty`)
  // Everything the page loads after its content counts too.
  await page.waitForLoadState('networkidle')
  if (name) await shot(page, name)
  await context.close()

  let total = 0
  const rows = []
  for (const [id, f] of finished) {
    total += f.bytes
    const r = responses.get(id) || { url: `http://x/${id}`, encoding: '' }
    const at = t0 === null ? 0 : Math.round((f.at - t0) * 1000)
    rows.push(`${String(f.bytes).padStart(8)} B  done at ${String(at).padStart(5)} ms  ${r.encoding || '-'}  ${new URL(r.url).pathname}`)
  }
  const assets = [...responses.values()].filter((r) => new URL(r.url).pathname.startsWith('/assets/'))
  return { total, visibleMs, rows, assets }
}

// Three cold loads: every one must stay under the byte budget; the time is the fastest of the
// three, so that a moment of CPU starvation on a shared test machine (not the network, which is
// emulated) does not decide it. The old whole-SPA pages took 15 s on every load.
async function measure(browser, url, main, name) {
  const runs = []
  for (let i = 0; i < 3; i++) runs.push(await measureOnce(browser, url, main, i === 0 ? name : ''))
  const fastest = runs.reduce((a, b) => (b.visibleMs < a.visibleMs ? b : a))
  return {
    total: Math.max(...runs.map((r) => r.total)),
    visibleMs: fastest.visibleMs,
    times: runs.map((r) => r.visibleMs),
    rows: fastest.rows,
    assets: runs[0].assets,
  }
}

function report(label, m) {
  console.log(`${label}: ${m.total} bytes transferred, main content visible after ${m.visibleMs} ms (cold loads: ${m.times.join(', ')} ms)`)
  for (const row of m.rows) console.log(`  ${row}`)
}

// A household the demo member looks after, with a phone on record so that a code can reach it,
// and the code printed on its contact card (from the village's network tree).
async function memberHousehold(adminToken, memberToken) {
  const me = await call(memberToken, 'GET', '/auth/me')
  const villageId = me.body.user.scope_region_id
  let my = await call(memberToken, 'GET', '/network/my')
  if (!(my.body.households || []).length) {
    const plan = await call(adminToken, 'POST', `/network/villages/${villageId}/preview`, {})
    assert.equal(plan.status, 200, `preview: ${JSON.stringify(plan.body)}`)
    assert.equal((await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})).status, 200)
    my = await call(memberToken, 'GET', '/network/my')
  }
  const households = my.body.households || []
  assert.ok(households.length > 0, 'the member looks after no household')
  const tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  const codes = new Map()
  for (const g of tree.body.groups || []) {
    for (const m of g.members || []) for (const h of m.households || []) if (h.card_code) codes.set(h.household_id, h.card_code)
  }
  for (const h of households) {
    if (!codes.has(h.id)) continue
    const detail = await call(adminToken, 'GET', `/households/${h.id}`)
    if ((detail.body.members || []).some((r) => r.phone_masked)) return { household: h, code: codes.get(h.id) }
  }
  assert.fail('none of the member\'s households has both a card code and a phone on record')
}

// "YYYY-MM-DD" of epoch seconds in China time, as the page shows dates.
const chinaDate = (epoch) => new Date((epoch + 8 * 3600) * 1000).toISOString().slice(0, 10)

describe('the QR pages on a village phone', { timeout: 300000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the receipt page and the card page load under 200 KB and show their content within 3 s', async () => {
    requireServer()
    const unit = await civilAffairs()
    const category = await civilCategory(unit.id)
    const hh = await clerkHousehold(2)
    const accepted = await ok(CLERK, 'POST', '/matters', {
      type: 'help', channel: 'window', household_id: hh.id, category_id: category.id,
      caller_phone: '13912345678', content: `村里的自来水管冻裂了，请尽快修理 ${Date.now().toString(36)}`,
    })
    const { number, token } = accepted.receipt
    const adminToken = await apiLogin(ADMIN)
    const { code } = await memberHousehold(adminToken, await apiLogin(MEMBER))

    const receipt = await measure(browser, `/p/${encodeURIComponent(number)}?t=${encodeURIComponent(token)}`,
      '[data-testid="public-number"]', 'public-receipt-throttled')
    report(`/p/${number}`, receipt)
    const card = await measure(browser, `/h/${encodeURIComponent(code)}`, '[data-testid="household-public-name"]', 'public-card-throttled')
    report(`/h/${code}`, card)

    for (const [label, m] of [['receipt page /p/', receipt], ['card page /h/', card]]) {
      assert.ok(m.total < BUDGET_BYTES, `${label} transferred ${m.total} bytes (budget ${BUDGET_BYTES})`)
      assert.ok(m.visibleMs < BUDGET_MS, `${label} showed its content after ${m.visibleMs} ms (budget ${BUDGET_MS})`)
      // Text assets come compressed.
      for (const a of m.assets) assert.match(a.encoding, /^(br|gzip)$/, `${a.url} came uncompressed`)
    }
  })

  it('the card page lists the visits waiting for the household, which picks one and confirms it with its SMS code', async () => {
    requireServer()
    const adminToken = await apiLogin(ADMIN)
    const memberToken = await apiLogin(MEMBER)
    const { household, code } = await memberHousehold(adminToken, memberToken)
    const now = Math.floor(Date.now() / 1000)
    const made = []
    for (const [visitedAt, learned] of [[now - 86400, '昨天去看了看，聊了聊今年的收成。'], [now - 60, '今天送去了医保缴费的通知。']]) {
      const r = await call(memberToken, 'POST', '/visits', { household_id: household.id, kind: 'routine', visited_at: visitedAt, learned })
      assert.equal(r.status, 201, `POST /visits: ${JSON.stringify(r.body)}`)
      const stored = await call(adminToken, 'GET', `/visits/${r.body.id}`)
      made.push({ id: r.body.id, visitedAt, visitor: stored.body.visitor_name || r.body.visitor_name })
    }
    const [older, newer] = made
    assert.ok(older.visitor, 'the visit names no visitor')

    const context = await phoneContext(browser)
    const phone = await context.newPage()
    phone.setDefaultTimeout(15000)
    await phone.goto(`/h/${encodeURIComponent(code)}`)
    // Both visits are listed with their date, the visitor and the visitor's role.
    for (const v of made) {
      const row = phone.locator(`[data-testid="household-public-visit-${v.id}"]`)
      await row.waitFor()
      const text = await row.innerText()
      assert.ok(text.includes(chinaDate(v.visitedAt)), `visit ${v.id} shows no date ${chinaDate(v.visitedAt)}: ${text}`)
      assert.ok(text.includes(v.visitor), `visit ${v.id} does not name the visitor ${v.visitor}: ${text}`)
      // The visitor's role (the demo member's name says 党员 itself, so the role's own element).
      const role = phone.locator(`[data-testid="household-public-visitor-role-${v.id}"]`)
      assert.equal(await role.count(), 1, `visit ${v.id} does not give the visitor's role: ${text}`)
      assert.equal((await role.innerText()).trim(), '党员')
    }
    // Nothing asks for a visit number: the only box is the SMS code of the picked visit.
    const boxes = await phone.locator('[data-testid="household-public-visits"] input').evaluateAll((els) => els.map((e) => e.placeholder))
    assert.equal(boxes.length, 1, `input boxes on the visit list: ${JSON.stringify(boxes)}`)
    assert.match(boxes[0], /验证码/)
    // The list runs newest first and its first visit is picked. Other tests may have left visits of
    // their own on this household, so the first row is whichever is newest, not necessarily ours.
    const listed = await phone.locator('[data-testid^="household-public-pick-"]').evaluateAll((els) =>
      els.map((e) => ({ id: Number(e.dataset.testid.replace('household-public-pick-', '')), pressed: e.getAttribute('aria-pressed') })))
    assert.equal(listed[0].pressed, 'true', `the first listed visit is not picked: ${JSON.stringify(listed)}`)
    assert.equal(listed.filter((v) => v.pressed === 'true').length, 1, `more than one visit picked: ${JSON.stringify(listed)}`)
    const order = listed.map((v) => v.id)
    assert.ok(order.indexOf(newer.id) < order.indexOf(older.id), `today's visit is not listed before yesterday's: ${order}`)
    // The household picks yesterday's instead.
    await phone.locator(`[data-testid="household-public-pick-${older.id}"]`).click()
    assert.equal(await phone.locator(`[data-testid="household-public-pick-${older.id}"]`).getAttribute('aria-pressed'), 'true')
    assert.equal(await phone.locator(`[data-testid="household-public-pick-${newer.id}"]`).getAttribute('aria-pressed'), 'false')
    await phone.locator(`[data-testid="household-public-picked-${older.id}"]`).waitFor()
    assert.equal(await phone.locator(`[data-testid="household-public-picked-${newer.id}"]`).count(), 0)
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 375, `the card page is ${width}px wide on a 375px phone`)
    await shot(phone, 'public-card-visits-picked')

    const sent = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/visits/phone-code')
    await phone.locator(`[data-testid="household-public-send-${older.id}"]`).click()
    assert.equal((await sent).status(), 200)
    await phone.locator(`[data-testid="household-public-sent-${older.id}"]`).waitFor()
    await field(phone, `household-public-code-${older.id}`).fill(await smsCode(adminToken))
    await phone.locator(`[data-testid="household-public-confirm-${older.id}"]`).click()
    await phone.locator('[data-testid="household-public-confirm-msg"]').getByText('户主已确认').waitFor()
    await phone.locator(`[data-testid="household-public-visit-${older.id}"]`).waitFor({ state: 'detached' })
    await phone.locator(`[data-testid="household-public-visit-${newer.id}"]`).waitFor()
    await shot(phone, 'public-card-visit-confirmed')
    await context.close()

    const confirmed = await call(adminToken, 'GET', `/visits/${older.id}`)
    assert.equal(confirmed.body.confirmed, true)
    assert.equal(confirmed.body.confirmed_via, 'phone_code')
    assert.equal((await call(adminToken, 'GET', `/visits/${newer.id}`)).body.confirmed, false, 'the other visit was confirmed too')
  })

  it('the card page works in English', async () => {
    requireServer()
    const { code } = await memberHousehold(await apiLogin(ADMIN), await apiLogin(MEMBER))
    const context = await phoneContext(browser, 'en')
    const page = await context.newPage()
    page.setDefaultTimeout(15000)
    await page.goto(`/h/${encodeURIComponent(code)}`)
    await page.locator('[data-testid="household-public-name"]').waitFor()
    await page.getByText('Visits waiting for this household').waitFor()
    await page.locator('[data-testid="household-public-lang"]').click()
    await page.getByText('待本户确认的走访').waitFor()
    await context.close()
  })
})
