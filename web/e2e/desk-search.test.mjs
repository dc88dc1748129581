// Issue 13, items 1 and 12: a matter is found by its receipt number (what a resident reads out
// on the phone), its date part and its serial part, in the 诉求 list and the 待办 inbox; a broad
// search, like the whole county's list (issue 19), shows its capped count as "1万+"; the search
// boxes say what they search.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, field } from './helpers.mjs'
import { ADMIN, ok, list, acceptMatter, clerkHousehold } from './matters-helpers.mjs'

const q = (s) => encodeURIComponent(s)

async function search(page, box, table, text) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/matters' &&
    new URL(r.url()).searchParams.get('q') === text)
  const input = field(page, box)
  await input.fill(text)
  await input.press('Enter')
  await answered
  await page.locator(`[data-testid="${table}"]`).waitFor()
}

describe('desk search: receipt numbers and capped counts', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('finds a matter by its receipt number, date and serial through the API', async () => {
    requireServer()
    const m = list(await ok(ADMIN, 'GET', '/matters?page_size=1&page=7'))[0]
    assert.ok(m && /^\d{8}-\d{5}$/.test(m.number), `no demo matter with a receipt number: ${JSON.stringify(m)}`)
    const exact = await ok(ADMIN, 'GET', `/matters?q=${q(m.number)}`)
    assert.deepEqual(list(exact).map((x) => x.id), [m.id])
    assert.equal(exact.total, 1)
    assert.equal(exact.total_capped, false)
    for (const part of [m.number.slice(0, 8), m.number.slice(9)]) {
      const found = await ok(ADMIN, 'GET', `/matters?q=${q(part)}&page_size=100`)
      assert.ok(found.total >= 1, `${part} finds nothing`)
    }
    // Both words together (date and serial) find the matter itself.
    const both = await ok(ADMIN, 'GET', `/matters?q=${q(`${m.number.slice(0, 8)} ${m.number.slice(9)}`)}`)
    assert.ok(list(both).some((x) => x.id === m.id), `${m.number} not found by its two parts`)
  })

  it('finds the number in the 诉求 list and the 待办 inbox, and shows a capped count as 1万+', async () => {
    requireServer()
    // The administrator's inbox holds the matters waiting to be dispatched, which the demo may
    // have none of by now: two are accepted for it.
    if (list(await ok(ADMIN, 'GET', '/matters?inbox=true&page_size=2')).length < 2) {
      const hh = await clerkHousehold()
      for (const n of [1, 2]) await acceptMatter({ household_id: hh.id, content: `待分派的诉求 ${Date.now().toString(36)} ${n}` })
    }
    const listed = list(await ok(ADMIN, 'GET', '/matters?page_size=1&page=3'))[0]
    const inboxed = list(await ok(ADMIN, 'GET', '/matters?inbox=true&page_size=1&page=2'))[0]
    assert.ok(listed && inboxed, 'the demo has no matter in the list or the administrator\'s inbox')

    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/matters')
    const box = field(page, 'matters-q')
    await box.waitFor()
    assert.match(await box.getAttribute('placeholder'), /受理编号/)
    // The whole county's list (issue 19) counts to the cap as well: 1万+, not a slow exact count.
    const everything = await ok(ADMIN, 'GET', '/matters?page_size=1')
    assert.equal(everything.total, 10000)
    assert.equal(everything.total_capped, true)
    await page.locator('[data-testid="matters-total"]', { hasText: '1万+' }).waitFor()
    await search(page, 'matters-q', 'matters-table', listed.number)
    await page.locator('[data-testid="matters-table"]').getByText(listed.number).first().waitFor()
    assert.equal((await page.locator('[data-testid="matters-total"]').innerText()).trim(), '共 1 条')

    // Every receipt number holds a '-': the whole demo county (about 35,000 matters) matches.
    const broad = await ok(ADMIN, 'GET', `/matters?q=${q('-')}&page_size=1`)
    assert.equal(broad.total, 10000)
    assert.equal(broad.total_capped, true)
    await search(page, 'matters-q', 'matters-table', '-')
    await page.locator('[data-testid="matters-total"]', { hasText: '1万+' }).waitFor()

    await page.goto('/inbox')
    const inboxBox = field(page, 'inbox-q')
    await inboxBox.waitFor()
    assert.match(await inboxBox.getAttribute('placeholder'), /受理编号/)
    await search(page, 'inbox-q', 'inbox-table', inboxed.number)
    await page.locator('[data-testid="inbox-table"]').getByText(inboxed.number).first().waitFor()
    assert.equal((await page.locator('[data-testid="inbox-total"]').innerText()).trim(), '共 1 条')
    await page.close()
  })
})
