// Shared set-up for the matters browser tests (not a test file itself): API calls with a bearer
// token, demo-county look-ups, picking options in Element Plus selects.
import assert from 'node:assert/strict'
import { BASE, ADMIN, field, chooseOption } from './helpers.mjs'

export const PASSWORD = process.env.MINQING_DEMO_PASSWORD || 'demo123456'
export const CLERK = { user: process.env.MINQING_CLERK_USER || 'clerk', password: PASSWORD }
export const HANDLER = { user: process.env.MINQING_HANDLER_USER || 'handler', password: PASSWORD }
export const LEADER = { user: process.env.MINQING_LEADER_USER || 'leader', password: PASSWORD }
export { ADMIN }

const tokens = new Map()
export async function token(who) {
  if (tokens.has(who.user)) return tokens.get(who.user)
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: who.user, password: who.password }),
  })
  const body = await res.json().catch(() => null)
  assert.equal(res.status, 200, `login ${who.user}: ${JSON.stringify(body)}`)
  tokens.set(who.user, body.token)
  return body.token
}

export async function call(who, method, p, body) {
  const res = await fetch(`${BASE}/api/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${await token(who)}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json = null
  try { json = text ? JSON.parse(text) : null } catch { json = text }
  return { status: res.status, body: json }
}

export async function ok(who, method, p, body) {
  const r = await call(who, method, p, body)
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${p} as ${who.user} → ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

export const list = (b) => (Array.isArray(b) ? b : (b && b.items) || [])

// The county's civil-affairs bureau (县民政局), which the demo handler belongs to.
export async function civilAffairs() {
  const units = list(await ok(ADMIN, 'GET', '/units'))
  const u = units.find((x) => /民政局/.test(x.name))
  assert.ok(u, `no 民政局 among the units: ${units.map((x) => x.name).join(', ')}`)
  return u
}

// A category handled by civil affairs (低保 preferred); else any leaf category.
export async function civilCategory(unitId) {
  const cats = list(await ok(ADMIN, 'GET', '/categories'))
  assert.ok(cats.length > 0, 'the catalogue is empty')
  const rules = list((await call(ADMIN, 'GET', '/routing-rules')).body)
  const routed = new Set(rules.filter((r) => r.unit_id === unitId).map((r) => r.category_id))
  const isLeaf = (c) => !cats.some((x) => x.parent_id === c.id)
  return cats.find((c) => /低保/.test(c.name) && isLeaf(c)) ||
    cats.find((c) => (c.default_unit_id === unitId || routed.has(c.id)) && isLeaf(c)) ||
    cats.find(isLeaf)
}

// One row of GET /rates?dimension=unit for the unit (zeros when the unit has no row yet).
export async function unitRates(who, unitId) {
  const r = await ok(who, 'GET', '/rates?dimension=unit')
  const row = list(r).find((x) => String(x.key) === String(unitId) || x.unit_id === unitId)
  return row || { counters: {} }
}

// Epoch seconds of a China civil time "YYYY-MM-DD HH:MM".
export const cnEpoch = (s) => Math.floor(Date.parse(`${s.replace(' ', 'T')}:00+08:00`) / 1000)

// Opens an el-select (by the data-testid on it or on its input) and picks the option with that
// testid, checked to have taken (chooseOption).
export async function pickOption(page, selectTestid, optionTestid) {
  await chooseOption(page, page.locator(`[data-testid="${selectTestid}"]`).first(),
    (p) => p.locator(`[data-testid="${optionTestid}"]`))
}

// The six-digit code last sent to the outbox (development SMS sender) for the matter, as admin.
export async function lastSmsCode(matterId, number) {
  const r = await ok(ADMIN, 'GET', '/dev/sms?page_size=200')
  const msgs = list(r)
  const mine = msgs.filter((m) => m.matter_id === matterId || (number && JSON.stringify(m).includes(number)))
  const pool = mine.length ? mine : msgs
  const pick = pool.reduce((a, b) => ((b.created_at || 0) >= (a ? a.created_at || 0 : -1) ? b : a), null)
  assert.ok(pick, `no SMS in the outbox: ${JSON.stringify(r).slice(0, 300)}`)
  const text = pick.code || pick.text || pick.body || pick.message || JSON.stringify(pick)
  const m = String(text).match(/(?<!\d)(\d{6})(?!\d)/)
  assert.ok(m, `no 6-digit code in ${JSON.stringify(pick)}`)
  return m[1]
}

// A household of the clerk's township (the clerk's own scope).
export async function clerkHousehold(index = 0) {
  const hh = list(await ok(CLERK, 'GET', '/households?page_size=20'))[index]
  assert.ok(hh, 'the clerk sees no household')
  return hh
}

// Accepts a matter through the API as the clerk; `fields` override the defaults.
export async function acceptMatter(fields) {
  const body = { type: 'help', channel: 'window', ...fields }
  const r = await ok(CLERK, 'POST', '/matters', body)
  return r.matter
}

// Accepts a matter and dispatches it to the unit (as the clerk); the handler's unit signs for it
// when `signFor`.
export async function dispatchedMatter(fields, unitId, signFor = false) {
  const m = await acceptMatter(fields)
  await ok(CLERK, 'POST', `/matters/${m.id}/dispatch`, { unit_id: unitId })
  if (signFor) await ok(HANDLER, 'POST', `/matters/${m.id}/accept`)
  return m
}

// Clicks the open dialog's submit and waits for its POST to `path`; fails with the server's answer
// when that is not a success, so a refused action is told apart from a slow page.
export async function submitDialogExpecting(page, path) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST')
  await page.locator('[data-testid="dialog-submit"]').filter({ visible: true }).click()
  const res = await answered
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

// The text of the matter page's timeline once it contains `text`.
export async function timelineWith(page, text) {
  const tl = page.locator('[data-testid="matter-timeline"]')
  await tl.getByText(text).first().waitFor()
  return tl.innerText()
}

// A tiny valid PNG (1×1, red) as a Buffer.
export function tinyPng() {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64')
}

// The next Saturday (China date, YYYY-MM-DD) at least one day ahead.
export function nextSaturday() {
  const now = new Date(Date.now() + 8 * 3600 * 1000)
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

// Looks the household up by its number at the window desk and waits until it is the chosen one:
// a single match is chosen by the page itself, several are listed and the right row is clicked.
export async function chooseWindowHousehold(page, hh) {
  const lookup = field(page, 'window-lookup')
  await lookup.fill(hh.number)
  await lookup.press('Enter')
  const chosen = page.locator('[data-testid="window-household"]')
  const row = page.locator(`[data-testid="window-hh-${hh.id}"]`)
  await Promise.race([chosen.waitFor(), row.waitFor()])
  if (!(await chosen.isVisible())) await row.click()
  await chosen.waitFor()
}
