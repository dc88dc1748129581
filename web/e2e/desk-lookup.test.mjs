// Issue 13, items 4 and 1 (the one-box half): the look-up ranks exact names first and the head
// of household among them, says which member matched when it is not the head, and the window
// clerk's look-up box finds a matter by its receipt number and opens it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { ADMIN, CLERK, ok, clerkHousehold, acceptMatter } from './matters-helpers.mjs'

// A name the demo county does not carry (a compound surname), so the households below are the
// only ones that match it; they are created in an order their numbers follow, which is the
// opposite of the ranked order.
const NAME = '闻人凯'

async function createHousehold(regionId, address, members) {
  return ok(ADMIN, 'POST', '/households', { region_id: regionId, address, members })
}

// Head names and matched-member texts of the household table's rows, top to bottom.
async function tableRows(page) {
  return page.locator('[data-testid="household-table"] .el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: (tr.querySelector('[data-testid^="household-row-"]')?.getAttribute('data-testid') || '').replace('household-row-', ''),
      text: tr.innerText,
    })))
}

describe('desk look-up', { timeout: 180000 }, () => {
  let browser
  let prefixHead, exactSpouse, exactHead

  before(async () => {
    if (!BASE) return
    browser = await launch()
    const region = (await clerkHousehold()).region_id
    const person = (name, relation, sex = 'male') => ({ name, relation, sex, birth_date: '1970-01-01' })
    prefixHead = await createHousehold(region, '查询排序测试1号', [person(`${NAME}明`, '户主')])
    exactSpouse = await createHousehold(region, '查询排序测试2号', [person('赵国强', '户主'), person(NAME, '配偶', 'female')])
    exactHead = await createHousehold(region, '查询排序测试3号', [person(NAME, '户主')])
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('lists the household headed by the exact name first, then other exact names, then prefixes, and names the member who matched', async () => {
    requireServer()
    assert.ok(prefixHead.number < exactSpouse.number && exactSpouse.number < exactHead.number,
      `numbers not in creation order: ${prefixHead.number} ${exactSpouse.number} ${exactHead.number}`)
    const page = await newPage(browser)
    await login(page, CLERK)
    await page.goto('/households')
    await page.locator('[data-testid="household-table"]').waitFor()
    const lookedUp = page.waitForResponse((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/v1/households' && u.searchParams.get('q') === NAME
    })
    await field(page, 'lookup-input').fill(NAME)
    await lookedUp
    await page.locator(`[data-testid="household-row-${exactHead.id}"]`).waitFor()
    const rows = await tableRows(page)
    assert.deepEqual(rows.map((r) => r.id), [exactHead.id, exactSpouse.id, prefixHead.id].map(String),
      `rows in the wrong order: ${JSON.stringify(rows)}`)
    const matched = page.locator(`[data-testid="household-matched-${exactSpouse.id}"]`)
    assert.equal((await matched.innerText()).trim(), `匹配：${NAME}（配偶）`)
    assert.equal(await page.locator(`[data-testid="household-matched-${exactHead.id}"]`).count(), 0,
      'the head matched: no matched-member line')
    // The pager counts the matches (a look-up past 1,000 matches would say "共 1000+ 条").
    assert.equal((await page.locator('[data-testid="households-total"]').innerText()).trim(), '共 3 条')
    await shot(page, 'desk-lookup-households')

    // The demo county's own case, where it has one: households headed by exactly 刘凯 first.
    const demo = await ok(CLERK, 'GET', `/households?q=${encodeURIComponent('刘凯')}&page_size=50`)
    const heads = (demo.items || []).map((h) => h.head_name)
    const exact = heads.filter((h) => h === '刘凯').length
    if (exact > 0) {
      assert.deepEqual(heads.slice(0, exact), Array(exact).fill('刘凯'), `刘凯 heads not first: ${heads.join(',')}`)
    }
    await page.context().close()
  })

  it('shows the matched member in the window look-up and opens a matter typed by its receipt number', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, CLERK)
    await page.goto('/window')
    const lookup = field(page, 'window-lookup')
    await lookup.fill(NAME)
    await lookup.press('Enter')
    const matched = page.locator(`[data-testid="window-hh-matched-${exactSpouse.id}"]`)
    await matched.waitFor()
    assert.equal((await matched.innerText()).trim(), `匹配：${NAME}（配偶）`)

    const stamp = Date.now()
    const matter = await acceptMatter({ household_id: exactHead.id, content: `门前水管漏水，请尽快维修 ${stamp}` })
    assert.match(matter.number, /^\d{8}-\d{5}$/)
    await field(page, 'window-lookup').fill(matter.number)
    await field(page, 'window-lookup').press('Enter')
    const hit = page.locator(`[data-testid="window-number-${matter.number}"]`)
    await hit.waitFor()
    const text = await hit.innerText()
    assert.ok(text.includes(matter.number), `no number in ${text}`)
    assert.ok(text.includes(matter.title || matter.content.slice(0, 6)), `no title in ${text}`)
    // The serial part alone finds it too (today's matter).
    await field(page, 'window-lookup').fill(matter.number.slice(9))
    await field(page, 'window-lookup').press('Enter')
    await page.locator(`[data-testid="window-number-${matter.number}"]`).waitFor()
    await shot(page, 'desk-lookup-window-number')
    await page.locator(`[data-testid="window-number-${matter.number}"]`).click()
    await page.waitForURL((u) => u.pathname === `/matters/${matter.id}`)
    await page.context().close()
  })
})
