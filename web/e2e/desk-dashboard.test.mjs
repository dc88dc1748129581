// The leader's dashboard and the home pages (issue 13, items 8, 10 and 11): the county leader's
// daily volumes are drawn by category as the administrator's are; the three-rates spreadsheet
// holds counts and rates as numbers; a home page asks for its regions' counts in one request.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { requireServer, launch, newPage, shot, login, ADMIN } from './helpers.mjs'
import { LEADER, CLERK, call } from './matters-helpers.mjs'

// One member of a zip archive, read through its central directory (no dependency).
function unzipMember(bytes, name) {
  let end = bytes.length - 22
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1
  assert.ok(end >= 0, 'not a zip archive')
  const entries = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  for (let i = 0; i < entries; i += 1) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'bad central directory')
    const method = bytes.readUInt16LE(at + 10)
    const size = bytes.readUInt32LE(at + 20)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extra = bytes.readUInt16LE(at + 30)
    const comment = bytes.readUInt16LE(at + 32)
    const local = bytes.readUInt32LE(at + 42)
    if (bytes.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
      const data = bytes.subarray(start, start + size)
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8')
    }
    at += 46 + nameLength + extra + comment
  }
  assert.fail(`${name} is not in the archive`)
}

// The <c> element of a cell reference ("B2") in a sheet's XML.
function cell(xml, ref) {
  const m = xml.match(new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`))
  assert.ok(m, `no cell ${ref}`)
  return m[0]
}

describe('dashboard and home pages', () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('draws the county leader\'s daily volumes by category, as the administrator\'s', async () => {
    for (const who of [ADMIN, LEADER]) {
      const d = await call(who, 'GET', '/dashboard')
      assert.equal(d.status, 200, JSON.stringify(d.body))
      const names = new Set(d.body.volumes.flatMap((v) => v.by_category.map((c) => c.name)))
      assert.ok(names.size >= 10, `${who.user}: ${names.size} categories in by_category`)
      const total = d.body.volumes.reduce((n, v) => n + v.total, 0)
      const byCategory = d.body.volumes.reduce((n, v) => n + v.by_category.reduce((k, c) => k + c.count, 0), 0)
      assert.equal(byCategory, total, `${who.user}: the categories add up to the day's total`)
    }
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto('/dashboard')
    const chart = page.locator('[data-testid="chart-volumes"][aria-label]').first()
    await chart.waitFor({ state: 'attached', timeout: 60000 })
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="chart-volumes"][aria-label]')
      return el && el.getAttribute('aria-label').includes('低保救助')
    }, null, { timeout: 60000 })
    const label = await chart.getAttribute('aria-label')
    const shown = ['低保救助', '医疗保险', '养老服务', '农业生产', '邻里纠纷', '环境卫生'].filter((c) => label.includes(c))
    assert.ok(shown.length >= 5, `the leader's volume chart names its categories: ${label.slice(0, 300)}`)
    await shot(page, 'dashboard-leader-categories')
    await page.context().close()
  })

  it('exports the three rates with counts as numbers and rates as percentages', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/dashboard')
    await page.locator('[data-testid="dashboard-units"] .el-table__row').first().waitFor({ timeout: 60000 })
    await page.locator('[data-testid="rates-export"]').click()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="rates-export-unit"]').click(),
    ])
    const xml = unzipMember(fs.readFileSync(await file.path()), 'xl/worksheets/sheet1.xml')
    // Row 2 is the unit with the most matters: its name is text, its counts numbers.
    assert.match(cell(xml, 'A2'), /t="inlineStr"/)
    const received = cell(xml, 'B2')
    assert.doesNotMatch(received, /t="/, `受理量 is a number cell: ${received}`)
    assert.ok(Number(received.match(/<v>([^<]+)<\/v>/)[1]) > 0, received)
    // 响应率 (column E) is a fraction with the percent style.
    const rate = cell(xml, 'E2')
    assert.match(rate, /s="2"/, `响应率 has a percent format: ${rate}`)
    const value = Number(rate.match(/<v>([^<]+)<\/v>/)[1])
    assert.ok(value > 0 && value <= 1, rate)
    const styles = unzipMember(fs.readFileSync(await file.path()), 'xl/styles.xml')
    assert.match(styles, /<numFmt numFmtId="164" formatCode="0.0%"\/>/)
    await page.context().close()
  })

  for (const who of [ADMIN, CLERK]) {
    it(`loads the home page of ${who.user} with at most two requests for regions`, async () => {
      const page = await newPage(browser)
      await login(page, who)
      const requests = []
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/v1/regions')) requests.push(r.url())
      })
      const overview = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/overview')
      await page.goto('/')
      await overview
      await page.locator('[data-testid="overview-chart"] canvas').waitFor()
      await page.waitForLoadState('networkidle')
      assert.ok(requests.length <= 2, `${requests.length} requests for regions: ${requests.slice(0, 5).join(' ')}`)
      assert.match(await page.locator('[data-testid="overview-households"]').innerText(), /[1-9]/, 'the household count shows')
      await page.context().close()
    })
  }
})
