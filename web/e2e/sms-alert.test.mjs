// The administrator's SMS alert on the home page (issue 15): this test starts its own server on a
// fresh `minqing init` county (no demo) that sends through a webhook gateway which answers every
// message 500 (scripts/sms_stub.mjs --fail-rate 1). Once sending has failed five times in a row
// the administrator's home page shows the red alert in Chinese with a link to the outbox; a window
// clerk's home page shows no alert, and the API refuses them the channel's state.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM, RESULTS, loggedInPage } from './helpers.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..', '..')
const BIN = process.env.MINQING_BIN || path.join(root, 'build', process.env.MINQING_PRESET || 'release', 'src', 'cli', 'minqing')
const PASSWORD = 'sms-alert-admin-1'
const SECRET = 'sms-alert-secret-1'

async function waitForFile(file, what) {
  for (let i = 0; i < 150; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8').trim()
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what} wrote no port within 15 s`)
}

describe('the administrator\'s SMS alert on the home page (issue 15)', { timeout: 180000 }, () => {
  let work, stub, server, base, browser

  async function call(method, p, { token, json } = {}) {
    const headers = {}
    if (token) headers.Authorization = `Bearer ${token}`
    if (json !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetch(`${base}/api/v1${p}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
    const text = await res.text()
    let body = null
    try { body = JSON.parse(text) } catch { body = text }
    return { status: res.status, body }
  }

  async function homePageOf(username, password) {
    const page = await loggedInPage(browser, base, username, password)
    await page.locator('[data-testid="product-name"]').waitFor()
    return page
  }

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-sms-alert-'))
    const db = path.join(work, 'county.db')
    const init = spawnSync(BIN, ['init', '--db', db, '--county-name', '新建县', '--county-code', '139997'], { env: { ...process.env, MINQING_ADMIN_PASSWORD: PASSWORD }, encoding: 'utf8' })
    assert.equal(init.status, 0, `init failed: ${init.stdout}${init.stderr}`)
    const log = fs.openSync(path.join(work, 'server.log'), 'a')
    stub = spawn('node', [path.join(root, 'scripts', 'sms_stub.mjs'), '--port-file', path.join(work, 'stub.port'),
      '--secret', SECRET, '--log', path.join(work, 'stub.log'), '--fail-rate', '1'], { stdio: ['ignore', log, log] })
    const stubPort = await waitForFile(path.join(work, 'stub.port'), 'the SMS stub')
    const portFile = path.join(work, 'port')
    server = spawn(BIN, ['serve', '--db', db, '--port', '0', '--port-file', portFile, '--web', path.join(root, 'web', 'dist'),
      '--escalation-interval', '0', '--sms-interval-ms', '50', '--sms-retry-seconds', '1'], {
      env: { ...process.env, MINQING_SMS_PROVIDER: 'webhook', MINQING_SMS_ENDPOINT: `http://127.0.0.1:${stubPort}/`, MINQING_SMS_SECRET_KEY: SECRET, MINQING_SMS_QUIET_HOURS: 'off' },
      stdio: ['ignore', log, log],
    })
    base = `http://127.0.0.1:${await waitForFile(portFile, 'minqing serve')}`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })

  after(async () => {
    if (browser) await browser.close()
    for (const child of [server, stub]) {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
    }
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  it('the alert is on the administrator\'s home page in Chinese, and not on a clerk\'s', async () => {
    const login = await call('POST', '/auth/login', { json: { username: 'admin', password: PASSWORD } })
    assert.equal(login.status, 200, JSON.stringify(login.body))
    const admin = login.body.token
    // A township, a clerk there, and a household of five residents with mobile phones.
    const roots = await call('GET', '/regions', { token: admin })
    const rootId = (roots.body.items || roots.body)[0].id
    const town = await call('POST', '/regions', { token: admin, json: { parent_id: rootId, level: 'township', name: '东镇' } })
    assert.equal(town.status, 201, JSON.stringify(town.body))
    const village = await call('POST', '/regions', { token: admin, json: { parent_id: town.body.id, level: 'village', name: '柳树村' } })
    assert.equal(village.status, 201, JSON.stringify(village.body))
    const clerk = await call('POST', '/users', { token: admin, json: { username: 'clerk', display_name: '窗口受理员', role: 'centre_staff', scope_region_id: town.body.id, password: 'clerk-pass-1' } })
    assert.equal(clerk.status, 201, JSON.stringify(clerk.body))
    const phones = ['13900003001', '13900003002', '13900003003', '13900003004', '13900003005']
    const household = await call('POST', '/households', { token: admin, json: {
      region_id: village.body.id, address: '柳树村2组1号', tags: [],
      members: phones.map((phone, i) => ({ name: `李${'一二三四五'[i]}`, phone, relation: i === 0 ? '户主' : '子女' })),
    } })
    assert.equal(household.status, 201, JSON.stringify(household.body))

    // Five residents ask for a sign-up code: the gateway refuses every message.
    for (const phone of phones) {
      const asked = await call('POST', '/public/phone-codes', { json: { phone, purpose: 'signup' } })
      assert.equal(asked.status, 202, JSON.stringify(asked.body))
    }
    let status
    for (let i = 0; i < 300; i++) {
      status = (await call('GET', '/sms/status', { token: admin })).body
      if (status.alert) break
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.ok(status.alert, `no alert after the failures: ${JSON.stringify(status)}`)

    const page = await homePageOf('admin', PASSWORD)
    const alert = page.locator('[data-testid="sms-alert"]')
    await alert.waitFor()
    const text = await alert.innerText()
    assert.match(text, /短信通道连续发送失败\d+次/)
    assert.match(text, /验证码和提醒可能发不出去/)
    assert.match(text, /最近错误/)
    assert.equal(await page.locator('[data-testid="sms-alert-link"]').getAttribute('href'), '/system/sms')
    fs.mkdirSync(RESULTS, { recursive: true })
    await page.screenshot({ path: path.join(RESULTS, 'sms-alert-admin.png'), fullPage: true })

    const clerkPage = await homePageOf('clerk', 'clerk-pass-1')
    // The home page has loaded and its live feed answered: anything it would show is there.
    await clerkPage.locator('[data-testid="bell"][data-mode="live"]').waitFor({ timeout: 20000 })
    assert.equal(await clerkPage.locator('[data-testid="sms-alert"]').count(), 0, 'a clerk sees the SMS alert')
    assert.equal(await clerkPage.locator('[data-testid="sms-templates-warning"]').count(), 0)
    await clerkPage.screenshot({ path: path.join(RESULTS, 'sms-alert-clerk.png'), fullPage: true })
    const clerkToken = (await call('POST', '/auth/login', { json: { username: 'clerk', password: 'clerk-pass-1' } })).body.token
    assert.equal((await call('GET', '/sms/status', { token: clerkToken })).status, 403)
  })
})
