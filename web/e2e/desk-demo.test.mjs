// The demo county looks like a real one (issue 13, item 13): its year of matters lies in every
// township and unit, so the county dashboard ranks all 10 townships and every unit, and a few per
// cent of the open matters are overdue.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, shot, login } from './helpers.mjs'
import { LEADER, ADMIN, ok, list } from './matters-helpers.mjs'

describe('the demo county at the desk', () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('ranks all 10 townships and every unit on the county dashboard', async () => {
    const year = await ok(LEADER, 'GET', `/dashboard?from=${new Date(Date.now() - 364 * 86400e3).toISOString().slice(0, 10)}`)
    const townships = list(await ok(ADMIN, 'GET', `/regions?parent_id=${list(await ok(ADMIN, 'GET', '/regions'))[0].id}`))
    assert.equal(townships.length, 10)
    assert.equal(year.townships.length, 10, `townships with matters: ${year.townships.map((t) => t.name).join(', ')}`)
    // Volumes follow the townships' people, with variation: none gets less than a third of its share.
    const people = new Map()
    for (const t of townships) people.set(t.name, (await ok(ADMIN, 'GET', `/regions/${t.id}`)).counts.residents)
    const allPeople = [...people.values()].reduce((a, b) => a + b, 0)
    const received = year.townships.reduce((n, t) => n + t.counters.received, 0)
    for (const t of year.townships) {
      const share = (received * people.get(t.name)) / allPeople
      assert.ok(t.counters.received > share / 3, `${t.name}: ${t.counters.received} matters for a share of ${Math.round(share)}`)
    }
    const units = list(await ok(ADMIN, 'GET', '/units'))
    assert.equal(year.units.length, units.length, `units receiving: ${year.units.length} of ${units.length}`)

    // Open matters: a few per cent overdue.
    const work = await ok(LEADER, 'GET', '/matters/workload')
    assert.ok(work.open > 100, `open ${work.open}`)
    assert.ok(work.overdue * 10 < work.open, `overdue ${work.overdue} of ${work.open} open`)

    // The dashboard page as the county leader shows them: one row per township, one per unit.
    const page = await newPage(browser)
    await login(page, LEADER)
    await page.goto('/dashboard')
    // The county's year of counters under a loaded test machine can take a while.
    await page.locator('[data-testid="dashboard-top"] .el-table__row').first().waitFor({ timeout: 60000 })
    assert.equal(await page.locator('[data-testid="dashboard-top"] .el-table__row').count(), 10)
    const rows = await page.locator('[data-testid="dashboard-top"] .el-table__row td:first-child').allInnerTexts()
    assert.deepEqual(new Set(rows.map((r) => r.trim())), new Set(townships.map((t) => t.name)))
    assert.equal(await page.locator('[data-testid="dashboard-units"] .el-table__row').count(), units.length)
    await shot(page, 'desk-demo-dashboard')
    await page.context().close()
  })
})
