// Shared by the browser tests of messages (issue 15; not a test file itself): a phone-sized page,
// a registry resident's phone number, a contact card's code, the code last texted to a phone (the
// development outbox), and a mainland mobile number no one in the demo county has.
import assert from 'node:assert/strict'
import { BASE } from './helpers.mjs'
import { ADMIN, PASSWORD, ok, list } from './matters-helpers.mjs'

export const RESIDENT = { user: process.env.MINQING_RESIDENT_USER || 'resident', password: PASSWORD }
export const MEMBER = { user: process.env.MINQING_MEMBER_USER || 'member', password: PASSWORD }

export async function phonePage(browser, width = 390) {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

// Every console error and uncaught exception of the page, to be asserted empty. The browser's own
// "Failed to load resource" lines for answers the test expects (a 403, the 401 of /auth/me before
// signing in) are not the page's errors.
export function pageErrors(page) {
  const errors = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text())
  })
  return errors
}

// A number in 1[3-9]… that the demo registry does not hold (random, so each run asks afresh and
// the one-code-a-minute limit of a phone never bites).
export function unknownPhone(prefix = '170') {
  let s = prefix
  while (s.length < 11) s += Math.floor(Math.random() * 10)
  return s
}

// A registry resident's full phone number (revealed as the administrator), from the last households
// of the county, away from the demo resident's own household (which has an account already).
export async function registryPhone(skip = 0) {
  const own = list(await ok(RESIDENT, 'GET', '/households?page_size=1'))[0]
  const households = list(await ok(ADMIN, 'GET', '/households?page_size=40&sort=-number'))
  const seen = new Set()
  let found = 0
  for (const h of households) {
    if (own && h.id === own.id) continue
    const detail = await ok(ADMIN, 'GET', `/households/${h.id}`)
    for (const r of detail.members || []) {
      if (!r.phone_masked) continue
      const { phone } = await ok(ADMIN, 'POST', `/residents/${r.id}/reveal`)
      if (!/^1[3-9]\d{9}$/.test(phone || '') || seen.has(phone)) continue
      seen.add(phone)
      if (found++ === skip) return { phone, resident: r, household: h }
    }
  }
  assert.fail('no registry resident with a mobile phone among the last households')
}

// The code printed on a contact card of the demo member's village (from the network tree; the
// network is built first when the village has none).
export async function cardCode() {
  const me = await ok(MEMBER, 'GET', '/auth/me')
  const villageId = me.user.scope_region_id
  const codes = async () => {
    const tree = await ok(ADMIN, 'GET', `/network/villages/${villageId}`)
    const out = []
    for (const g of tree.groups || []) {
      for (const m of g.members || []) for (const h of m.households || []) if (h.card_code) out.push(h.card_code)
    }
    return out
  }
  let found = await codes()
  if (!found.length) {
    const plan = await ok(ADMIN, 'POST', `/network/villages/${villageId}/preview`, {})
    await ok(ADMIN, 'POST', `/network/plans/${plan.plan_id}/apply`, {})
    found = await codes()
  }
  assert.ok(found.length, 'no contact card code in the member\'s village')
  return found[0]
}

const samePhone = (a, b) => a === b || (String(a).slice(0, 3) === b.slice(0, 3) && String(a).slice(-4) === b.slice(-4))
const newer = (a, b) => {
  if ((a.created_at || 0) !== (b.created_at || 0)) return (a.created_at || 0) > (b.created_at || 0)
  try {
    return BigInt(a.id) > BigInt(b.id)
  } catch {
    return String(a.id) > String(b.id)
  }
}

// The six-digit code last texted to `phone` (the development outbox, GET /dev/sms), waiting up to
// 15 s for one written at or after `since` (epoch seconds).
export async function smsCodeFor(phone, since = 0) {
  const deadline = Date.now() + 15000
  for (;;) {
    const msgs = list(await ok(ADMIN, 'GET', '/dev/sms?page_size=100'))
    const mine = msgs.filter((m) => m.phone && samePhone(m.phone, phone) && (m.created_at || 0) >= since - 5)
    const pick = mine.reduce((a, b) => (!a || newer(b, a) ? b : a), null)
    const m = pick && String(pick.code || pick.text || '').match(/(?<!\d)(\d{6})(?!\d)/)
    if (m) return m[1]
    if (Date.now() > deadline) assert.fail(`no code texted to ${phone} in the development outbox: ${JSON.stringify(msgs.slice(0, 3))}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

export const nowEpoch = () => Math.floor(Date.now() / 1000)

// A POST to a public route (no login): { status, body }.
export async function publicPost(p, body) {
  const res = await fetch(`${BASE}/api/v1${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  const text = await res.text()
  let json = null
  try { json = text ? JSON.parse(text) : null } catch { json = text }
  return { status: res.status, body: json }
}
