// The map (地图) and the statistics by household tag (按标签统计), issue 18: the demo leader opens
// the map and every located household the API gives is drawn (the chart's own data count); a tag
// filter and a category filter change the counts as the API does; clicking a household's point
// shows it; the tag-statistics panel of the dashboard shows the API's figures and drills down from
// townships to villages.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, shot, login } from './helpers.mjs'
import { LEADER, call, pickOption } from './matters-helpers.mjs'

// The page's default period: the last 365 China days.
function chinaDay(offset) {
  return new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
}
const PERIOD = `from=${chinaDay(-364)}&to=${chinaDay(0)}`

async function api(p) {
  const res = await call(LEADER, 'GET', p)
  assert.equal(res.status, 200, `${p}: ${JSON.stringify(res.body)}`)
  return res.body
}

// Waits for the chart's draw number `n` and returns its counts.
async function drawn(page, n) {
  const chart = page.locator('[data-testid="map-chart"]')
  await page.waitForFunction((k) => Number(document.querySelector('[data-testid="map-chart"]')?.dataset.draws || 0) >= k, n, { timeout: 30000 })
  return {
    households: Number(await chart.getAttribute('data-households')),
    matters: Number(await chart.getAttribute('data-matters')),
  }
}

describe('map and statistics by tag', () => {
  let browser
  let page
  before(async () => {
    requireServer()
    browser = await launch()
    page = await newPage(browser)
    await login(page, LEADER)
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('draws every located household and matter, and filters change the counts', async () => {
    const all = await api(`/map?${PERIOD}`)
    assert.ok(all.households.located > 1000, `demo households located: ${all.households.located}`)
    await page.goto('/map')
    await page.locator('nav, .el-menu').getByText('地图', { exact: true }).first().waitFor()
    let counts = await drawn(page, 1)
    assert.equal(counts.households, all.households.located)
    // Merged duplicates are not drawn as points of a status; the rest are.
    const statuses = all.matters.points.filter((_, i) => i % 4 === 3)
    assert.equal(counts.matters, statuses.filter((s) => s >= 1 && s <= 5).length)
    assert.equal(await page.locator('[data-testid="map-households-total"]').innerText(), String(all.households.total))
    await shot(page, 'map-leader')

    const tag = all.households.total && (await api('/tags'))
    const tagName = (Array.isArray(tag) ? tag : tag.items).map((x) => (typeof x === 'string' ? x : x.name))[0]
    const tagged = await api(`/map?${PERIOD}&tag=${encodeURIComponent(tagName)}`)
    assert.ok(tagged.households.located < all.households.located)
    await pickOption(page, 'map-tag', `map-tag-${tagName}`)
    counts = await drawn(page, 2)
    assert.equal(counts.households, tagged.households.located)

    const category = all.categories.find((c) => c.id !== 0)
    const byCategory = await api(`/map?${PERIOD}&tag=${encodeURIComponent(tagName)}&category_id=${category.id}`)
    await pickOption(page, 'map-category', `map-category-${category.name}`)
    counts = await drawn(page, 3)
    assert.equal(await page.locator('[data-testid="map-matters-total"]').innerText(), String(byCategory.matters.total))
    assert.ok(byCategory.matters.total < tagged.matters.total)

    // Click the first household's point (the chart's grid: 60 px left, 20 right, 30 top, 40
    // bottom): the panel shows a household there.
    const chart = page.locator('[data-testid="map-chart"]')
    const box = await chart.boundingBox()
    const xr = (await chart.getAttribute('data-x-range')).split(',').map(Number)
    const yr = (await chart.getAttribute('data-y-range')).split(',').map(Number)
    const [x, y] = tagged.households.points
    const px = box.x + 60 + ((x - xr[0]) / (xr[1] - xr[0])) * (box.width - 80)
    const py = box.y + 30 + (1 - (y - yr[0]) / (yr[1] - yr[0])) * (box.height - 70)
    await page.mouse.click(px, py)
    await page.locator('[data-testid="map-at-household"]').first().waitFor()

    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.locator('[data-testid="map-view-hotspots"]').click()
    await drawn(page, 4)
    assert.deepEqual(errors, [])
    const hotspots = Number(await page.locator('[data-testid="map-chart"]').getAttribute('data-hotspots'))
    assert.equal(hotspots, byCategory.hotspots.cells.length / 3)
    await shot(page, 'map-hotspots')
  })

  it('shows the figures by tag on the dashboard and drills down to villages', async () => {
    await page.goto('/dashboard')
    const panel = page.locator('[data-testid="tag-stats-panel"]')
    await panel.waitFor()
    const range = [chinaDay(-29), chinaDay(0)]
    const stats = await api(`/tag-stats?from=${range[0]}&to=${range[1]}`)
    assert.equal(stats.row_level, 'township')
    const tag = stats.tags[0]
    const row = stats.rows.find((r) => r.tags.find((c) => c.tag === tag).households > 0)
    const cell = row.tags.find((c) => c.tag === tag)
    await panel.locator(`[data-testid="tag-stats-tag-${tag}"]`).click()
    const households = panel.locator(`[data-testid="tag-stats-${row.name}-${tag}-households"]`)
    await households.waitFor()
    assert.equal(await households.innerText(), String(cell.households))
    assert.equal(await panel.locator(`[data-testid="tag-stats-${row.name}-${tag}-received"]`).innerText(), String(cell.received))
    const total = stats.totals.find((c) => c.tag === tag)
    assert.equal(await panel.locator(`[data-testid="tag-stats-total-${tag}-households"]`).innerText(), String(total.households))
    await shot(page, 'tag-stats-townships')

    const villages = await api(`/tag-stats?from=${range[0]}&to=${range[1]}&region_id=${row.region_id}`)
    assert.equal(villages.row_level, 'village')
    await panel.locator(`[data-testid="tag-stats-drill-${row.name}"]`).click()
    const village = villages.rows.find((r) => r.tags.find((c) => c.tag === tag).households > 0)
    const vcell = village.tags.find((c) => c.tag === tag)
    const vh = panel.locator(`[data-testid="tag-stats-${village.name}-${tag}-households"]`)
    await vh.waitFor()
    assert.equal(await vh.innerText(), String(vcell.households))
    await shot(page, 'tag-stats-villages')
    await panel.locator('[data-testid="tag-stats-up"]').click()
    await panel.locator(`[data-testid="tag-stats-drill-${row.name}"]`).waitFor()
  })
})
