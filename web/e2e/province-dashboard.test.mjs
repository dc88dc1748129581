// Issue 19: a city (or a province) deployed from an empty `minqing init --levels 市,区,街道,社区,网格`
// (no demo; this test starts its own server on a fresh database). Its administrator's dashboard
// holds two districts, so its breakdown is by district (区), read from the category × district
// counter cells: the cards are titled 各区三率 / 各区热点诉求 and list the districts, not every
// subdistrict; a district's own dashboard (API region_id) still lists its subdistricts.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM, RESULTS } from './helpers.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..', '..')
const BIN = process.env.MINQING_BIN || path.join(root, 'build', process.env.MINQING_PRESET || 'release', 'src', 'cli', 'minqing')
const PASSWORD = 'city-admin-pass-1'

async function waitForPort(file) {
  for (let i = 0; i < 150; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8').trim()
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('minqing serve wrote no port within 15 s')
}

describe('a city\'s dashboard is broken down by district (issue 19)', { timeout: 180000 }, () => {
  let work, server, base, browser, page, token
  const ids = {}

  async function api(method, p, json) {
    const res = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    const body = await res.json().catch(() => ({}))
    assert.ok(res.ok, `${method} ${p}: ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-province-dashboard-'))
    const db = path.join(work, 'city.db')
    const init = spawnSync(BIN, ['init', '--db', db, '--levels', '市,区,街道,社区,网格'], {
      env: { ...process.env, MINQING_ADMIN_PASSWORD: PASSWORD },
      encoding: 'utf8',
    })
    assert.equal(init.status, 0, `init failed: ${init.stdout}${init.stderr}`)
    const portFile = path.join(work, 'port')
    server = spawn(BIN, ['serve', '--db', db, '--port', '0', '--port-file', portFile, '--web', path.join(root, 'web', 'dist'), '--escalation-interval', '0'], {
      stdio: ['ignore', fs.openSync(path.join(work, 'server.log'), 'a'), fs.openSync(path.join(work, 'server.log'), 'a')],
    })
    base = `http://127.0.0.1:${await waitForPort(portFile)}`
    token = (await api('POST', '/auth/login', { username: 'admin', password: PASSWORD })).token

    // 衡水市 / 桃城区 (河西街道 / 西苑社区) and 冀州区 (冀州镇 / 南关社区); three matters in the
    // first district, one in the second.
    ids.city = (await api('POST', '/regions', { level: 'city', name: '衡水市' })).id
    for (const [district, street, community] of [['桃城区', '河西街道', '西苑社区'], ['冀州区', '冀州街道', '南关社区']]) {
      const d = (await api('POST', '/regions', { parent_id: ids.city, level: 'county', name: district })).id
      const s = (await api('POST', '/regions', { parent_id: d, level: 'township', name: street })).id
      ids[district] = d
      ids[community] = (await api('POST', '/regions', { parent_id: s, level: 'village', name: community })).id
    }
    const categories = await api('GET', '/categories')
    const category = (categories.items || categories)[0]
    for (const community of ['西苑社区', '西苑社区', '西苑社区', '南关社区']) {
      await api('POST', '/matters', {
        type: 'complaint', channel: 'hotline', category_id: category.id, region_id: ids[community],
        caller_name: '张先生', caller_phone: '13912345678', content: `${community}门口有人长期占道停车`,
      })
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
    await context.addInitScript(() => {
      try { localStorage.setItem('mq_lang', 'zh') } catch { /* about:blank */ }
    })
    page = await context.newPage()
    page.setDefaultTimeout(15000)
    await page.goto('/login')
    await page.locator('input[data-testid="login-username"], [data-testid="login-username"] input').first().fill('admin')
    await page.locator('input[data-testid="login-password"], [data-testid="login-password"] input').first().fill(PASSWORD)
    await page.locator('[data-testid="login-submit"]').click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  it('lists the districts with their counts under 各区 headings', async () => {
    const whole = await api('GET', '/dashboard')
    assert.equal(whole.breakdown_level, 'county')
    assert.equal(whole.totals.received, 4)
    assert.deepEqual(Object.fromEntries(whole.townships.map((r) => [r.name, r.counters.received])), { 桃城区: 3, 冀州区: 1 })

    await page.goto('/dashboard')
    const top = page.locator('[data-testid="dashboard-top"] .el-table__row')
    await top.first().waitFor({ timeout: 60000 })
    const names = (await page.locator('[data-testid="dashboard-top"] .el-table__row td:first-child').allInnerTexts()).map((n) => n.trim())
    assert.deepEqual(new Set(names), new Set(['桃城区', '冀州区']))
    const headers = (await page.locator('.el-card__header').allInnerTexts()).map((h) => h.trim())
    assert.ok(headers.includes('各区三率'), `headers: ${headers.join(' | ')}`)
    assert.ok(headers.includes('各区热点诉求'), `headers: ${headers.join(' | ')}`)
    assert.ok(!headers.some((h) => h.includes('各街道')), `headers: ${headers.join(' | ')}`)
    fs.mkdirSync(RESULTS, { recursive: true })
    await page.screenshot({ path: path.join(RESULTS, 'province-dashboard-by-district.png'), fullPage: true })
  })

  it('a district\'s own dashboard lists its subdistricts', async () => {
    const district = await api('GET', `/dashboard?region_id=${ids['桃城区']}`)
    assert.equal(district.breakdown_level, 'township')
    assert.equal(district.totals.received, 3)
    assert.deepEqual(district.townships.map((r) => r.name), ['河西街道'])
  })
})
