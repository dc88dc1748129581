// Shared set-up for the browser tests (not a test file itself).
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const BASE = (process.env.MINQING_URL || '').replace(/\/+$/, '')
export const ASSISTANT = {
  user: process.env.MINQING_ASSISTANT_USER || 'assistant',
  password: process.env.MINQING_ASSISTANT_PASSWORD || 'demo123456',
}
export const ADMIN = {
  user: process.env.MINQING_ADMIN_USER || 'admin',
  password: process.env.MINQING_ADMIN_PASSWORD || 'demo123456',
}
export const FOREIGN_HOUSEHOLD_ID = process.env.MINQING_FOREIGN_HOUSEHOLD_ID || ''
export const CHROMIUM = process.env.MINQING_CHROMIUM || '/usr/bin/chromium'

const here = path.dirname(fileURLToPath(import.meta.url))
export const RESULTS = path.join(here, '..', 'test-results')

export function requireServer() {
  assert.ok(
    BASE,
    'MINQING_URL is not set: start the minqing server with demo data and set MINQING_URL (e.g. http://127.0.0.1:8080) before running the browser tests',
  )
}

// Turns off CSS transitions and animations in a page: Element Plus opens and closes its
// dropdowns and dialogs with them, and a click that lands while one runs (on a busy machine) can
// miss. Vue's <Transition> ends at once when the computed duration is zero.
function stillPages() {
  const install = () => {
    const style = document.createElement('style')
    style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }'
    document.documentElement.appendChild(style)
  }
  if (document.documentElement) install()
  else document.addEventListener('DOMContentLoaded', install, { once: true })
}

// Headless Debian Chromium; every context made from it (browser.newContext) shows its pages
// without transitions (stillPages).
export async function launch() {
  fs.mkdirSync(RESULTS, { recursive: true })
  // playwright gives each launch() a fresh temporary user data dir.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    await context.addInitScript(stillPages)
    return context
  }
  return browser
}

// What an el-select (the element carrying `testid`, or a parent of it) shows as chosen: the
// labels of its tags when it is multiple, else its selected label or input value.
async function selectShows(select) {
  return select.evaluate((el) => {
    const root = el.closest('.el-select') || el.querySelector('.el-select') || el
    const tags = [...root.querySelectorAll('.el-tag')].map((t) => t.innerText.trim())
    const chosen = root.querySelector('.el-select__placeholder:not(.is-transparent)')
    const input = root.querySelector('input')
    return { tags, text: ((chosen && chosen.innerText) || (input && input.value) || '').trim() }
  })
}

// Opens the el-select `select` (a locator), types `typed` into it when given (a filterable or
// remote select), and clicks the first visible option matching `option` (a string or RegExp of
// its text, or a function page => locator). Then checks that the dropdown closed and the select
// shows the pick, and picks again, up to three times, when not: on a busy machine a click can
// land while a remote list is replaced. Returns the option's text.
export async function chooseOption(page, select, option, typed) {
  for (let attempt = 1; ; attempt++) {
    await select.click()
    if (typed !== undefined) {
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type(typed)
    }
    const opt = typeof option === 'function'
      ? option(page).filter({ visible: true }).first()
      : page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
    await opt.waitFor()
    const label = (await opt.innerText()).trim()
    await opt.click()
    try {
      await opt.waitFor({ state: 'hidden', timeout: 3000 })
    } catch {
      await page.keyboard.press('Escape')
    }
    const shown = await selectShows(select)
    // An option's own layout may differ from the label the select then shows ("张三 · 地址"
    // against "张三 编号 · 地址"): every piece of the shown label must be in the option.
    const inLabel = (text) => text !== '' && (text.includes(label) ||
      text.split(/[\s·,，、]+/).filter(Boolean).every((piece) => label.includes(piece)))
    const took = shown.tags.length ? shown.tags.some(inLabel) : inLabel(shown.text)
    if (took) return label
    if (attempt === 3) throw new Error(`"${label}" was clicked 3 times and is not chosen (the select shows "${shown.text || shown.tags.join(', ')}")`)
  }
}

export async function newPage(browser) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
  // Chinese is the default language; make sure a stale switch cannot leak in.
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true })
}

// Element Plus forwards data-testid to the <input> itself; accept either placement.
export function field(page, testid) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()
}

export async function login(page, { user, password }, screenshotName) {
  await page.goto('/login')
  await field(page, 'login-username').waitFor()
  if (screenshotName) await shot(page, screenshotName)
  await field(page, 'login-username').fill(user)
  await field(page, 'login-password').fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.locator('[data-testid="product-name"]').waitFor()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

export async function apiGet(page, p) {
  const res = await page.request.get(`${BASE}/api/v1${p}`)
  let body = null
  try { body = await res.json() } catch { body = null }
  return { status: res.status(), body }
}

// "wang jing yun" / "wáng jǐng yún" / "Wang Jingyun" -> "wjy" (one letter per syllable when spaced).
export function initials(pinyin) {
  const tokens = String(pinyin || '')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().split(/[^a-z]+/).filter(Boolean)
  return tokens.map((s) => s[0]).join('')
}

const ROOT = path.join(here, '..', '..')
const BIN = process.env.MINQING_BIN || path.join(ROOT, 'build', process.env.MINQING_PRESET || 'release', 'src', 'cli', 'minqing')

async function waitForPort(file) {
  for (let i = 0; i < 150; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8').trim()
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('minqing serve wrote no port within 15 s')
}

// A server of the test's own, for a test that starts from an empty `minqing init` (no demo):
// `minqing init --db <fresh file> <initArgs>` with `adminPassword`, then `serve` on a free port
// over the built web UI, the escalation timer off. Returns { base, stop }; stop() ends the
// server and removes its files.
export async function startOwnServer(prefix, initArgs, adminPassword) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const db = path.join(work, 'own.db')
  const init = spawnSync(BIN, ['init', '--db', db, ...initArgs], {
    env: { ...process.env, MINQING_ADMIN_PASSWORD: adminPassword },
    encoding: 'utf8',
  })
  assert.equal(init.status, 0, `init failed: ${init.stdout}${init.stderr}`)
  const portFile = path.join(work, 'port')
  const log = path.join(work, 'server.log')
  const server = spawn(BIN, ['serve', '--db', db, '--port', '0', '--port-file', portFile, '--web', path.join(ROOT, 'web', 'dist'), '--escalation-interval', '0'], {
    stdio: ['ignore', fs.openSync(log, 'a'), fs.openSync(log, 'a')],
  })
  const base = `http://127.0.0.1:${await waitForPort(portFile)}`
  return {
    base,
    async stop() {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
      fs.rmSync(work, { recursive: true, force: true })
    },
  }
}

// A new page of `browser` on `base` (a server of the test's own), in Chinese, logged in as
// `user`.
export async function loggedInPage(browser, base, user, password) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
  await context.addInitScript(() => {
    try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  await page.goto('/login')
  await field(page, 'login-username').fill(user)
  await field(page, 'login-password').fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  return page
}

// A browser with one page on `base`, logged in as `user` (loggedInPage). Returns { browser, page }.
export async function ownPage(base, user, password) {
  const browser = await launch()
  return { browser, page: await loggedInPage(browser, base, user, password) }
}
