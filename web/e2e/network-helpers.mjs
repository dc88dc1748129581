// Shared by the browser tests of the 1+10 network and the diary: the demo party member, plain API
// calls with a bearer token (no CSRF needed) for set-up and cross-checks, the newest visit code in
// the development SMS outbox, and a phone-sized page.
import assert from 'node:assert/strict'
import { BASE, field, chooseOption } from './helpers.mjs'

export const MEMBER = {
  user: process.env.MINQING_MEMBER_USER || 'member',
  password: process.env.MINQING_MEMBER_PASSWORD || 'demo123456',
}

export async function apiLogin({ user, password }) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }),
  })
  const body = await res.json()
  assert.equal(res.status, 200, `login ${user}: ${JSON.stringify(body)}`)
  return body.token
}

// `token` may be empty for the public routes.
export async function call(token, method, p, body) {
  const headers = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) }
  const res = await fetch(`${BASE}/api/v1${p}`, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined })
  const text = await res.text()
  let data = null
  try { data = text ? JSON.parse(text) : null } catch { data = text }
  return { status: res.status, body: data }
}

export const itemsOf = (b) => (Array.isArray(b) ? b : (b && b.items) || [])

// The newest visit code in the development SMS outbox: what reached the head of household's phone.
export async function smsCode(adminToken) {
  const outbox = itemsOf((await call(adminToken, 'GET', '/dev/sms?page_size=20')).body)
  const message = outbox.filter((m) => m.text.includes('党员走访您家')).sort((a, b) => b.id - a.id)[0]
  assert.ok(message, 'no visit code in the SMS outbox')
  return message.text.match(/确认码(\d{6})/)[1]
}

// Element Plus forwards data-testid to the <textarea> itself; accept either placement.
// Picks the household `h` in the diary's HouseholdSelect by typing its head's name, as an
// assistant would (chooseOption checks that the pick took).
export async function pickHousehold(page, h) {
  await chooseOption(page, page.locator('[data-testid="household-select"]').first(), h.address || h.head_name, h.head_name)
}

export const area = (page, testid) => page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()

export async function mobilePage(browser) {
  const context = await browser.newContext({
    baseURL: BASE, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

export async function uiLogin(page, { user, password }) {
  await page.goto('/login')
  await field(page, 'login-username').fill(user)
  await field(page, 'login-password').fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}
