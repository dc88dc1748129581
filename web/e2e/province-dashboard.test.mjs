// Issue 19: a city (or a province) deployed from an empty `minqing init --levels 市,区,街道,社区,网格`
// (no demo; this test starts its own server on a fresh database). Its administrator's dashboard
// holds two districts, so its breakdown is by district (区), read from the category × district
// counter cells: the cards are titled 各区三率 / 各区热点诉求 and list the districts, not every
// subdistrict; a district's own dashboard (API region_id) still lists its subdistricts.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startOwnServer, ownPage, shot } from './helpers.mjs'

const PASSWORD = 'city-admin-pass-1'

describe('a city\'s dashboard is broken down by district (issue 19)', { timeout: 180000 }, () => {
  let own, base, browser, page, token
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
    own = await startOwnServer('minqing-province-dashboard-', ['--levels', '市,区,街道,社区,网格'], PASSWORD)
    base = own.base
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

    ;({ browser, page } = await ownPage(base, 'admin', PASSWORD))
  })

  after(async () => {
    if (browser) await browser.close()
    if (own) await own.stop()
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
    await shot(page, 'province-dashboard-by-district')
  })

  it('a district\'s own dashboard lists its subdistricts', async () => {
    const district = await api('GET', `/dashboard?region_id=${ids['桃城区']}`)
    assert.equal(district.breakdown_level, 'township')
    assert.equal(district.totals.received, 3)
    assert.deepEqual(district.townships.map((r) => r.name), ['河西街道'])
  })
})
