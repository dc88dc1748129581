// Issue 13 item 2: a region is named with its village (and township where the reader's scope
// spans townships) wherever it says where a matter is: every village has a 二组, so "二组" alone
// tells the reader nothing. As the county administrator the matter list, a matter page, the
// workbench and the dashboard's overdue list read "<township> <village> <group>"; the village
// assistant reads "<village> <group>". The expected names come from the region tree, not from
// the label the server computes.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { requireServer, launch, newPage, login, shot, ASSISTANT } from './helpers.mjs'
import { ADMIN, ok, list } from './matters-helpers.mjs'

const regions = new Map()
async function region(id) {
  if (!regions.has(id)) regions.set(id, await ok(ADMIN, 'GET', `/regions/${id}`))
  return regions.get(id)
}

// Township, village and group names of a group-level region, or null for a region at another level.
async function groupChain(regionId) {
  const group = await region(regionId)
  if (group.level !== 'group') return null
  const village = await region(group.parent_id)
  const township = await region(village.parent_id)
  return { township: township.name, village: village.name, group: group.name }
}

// The first matter among `matters` whose region is a group, with its names.
async function firstAtGroupLevel(matters, what) {
  for (const m of matters) {
    const chain = await groupChain(m.region_id)
    if (chain) return { matter: m, chain }
  }
  assert.fail(`${what}: no matter at group level among ${matters.length}`)
}

// The text of the table row that shows matter `id` (el-table may render fixed columns twice).
async function rowText(page, id) {
  const cell = page.locator(`[data-testid="matter-row-${id}"]`).first()
  await cell.waitFor()
  return (await page.locator('tr', { has: cell }).first().innerText()).replace(/\s+/g, ' ')
}

const county = (c) => `${c.township} ${c.village} ${c.group}`
const village = (c) => `${c.village} ${c.group}`

describe('regions are named with their village and township (issue 13, item 2)', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the county administrator reads township, village and group in the list, the page, the workbench and the overdue list', async () => {
    const listed = await firstAtGroupLevel(list(await ok(ADMIN, 'GET', '/matters?page=1&page_size=20')), 'matter list')
    const urgent = await firstAtGroupLevel((await ok(ADMIN, 'GET', '/matters/workload')).most_urgent || [], 'workbench')
    const overdue = await firstAtGroupLevel((await ok(ADMIN, 'GET', '/dashboard')).overdue || [], 'dashboard overdue list')

    const page = await newPage(browser)
    await login(page, ADMIN)

    // The workbench on the home page.
    await page.goto('/')
    let text = await rowText(page, urgent.matter.id)
    assert.ok(text.includes(county(urgent.chain)), `workbench row reads "${text}", wanted "${county(urgent.chain)}"`)

    // The matter list.
    await page.goto('/matters')
    text = await rowText(page, listed.matter.id)
    assert.ok(text.includes(county(listed.chain)), `matter list row reads "${text}", wanted "${county(listed.chain)}"`)

    // The matter's page: its region line.
    await page.goto(`/matters/${listed.matter.id}`)
    await page.getByText(listed.matter.number).first().waitFor()
    const regionLine = page.locator('[data-testid="matter-region"]')
    text = (await regionLine.count()) ? await regionLine.innerText() : await page.locator('.el-descriptions').first().innerText()
    assert.ok(text.replace(/\s+/g, ' ').includes(county(listed.chain)), `matter page reads "${text}", wanted "${county(listed.chain)}"`)

    // The dashboard's overdue list.
    await page.goto('/dashboard')
    text = await rowText(page, overdue.matter.id)
    assert.ok(text.includes(county(overdue.chain)), `overdue row reads "${text}", wanted "${county(overdue.chain)}"`)
    await shot(page, 'desk-regions-dashboard')
    await page.context().close()
  })

  it('the village assistant reads village and group, without the township', async () => {
    const listed = await firstAtGroupLevel(list(await ok(ASSISTANT, 'GET', '/matters?page=1&page_size=20')), 'assistant\'s matter list')
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto('/matters')
    const text = await rowText(page, listed.matter.id)
    assert.ok(text.includes(village(listed.chain)), `assistant's row reads "${text}", wanted "${village(listed.chain)}"`)
    assert.ok(!text.includes(county(listed.chain)), `assistant's row names the township: "${text}"`)

    await page.goto(`/matters/${listed.matter.id}`)
    await page.getByText(listed.matter.number).first().waitFor()
    const regionLine = page.locator('[data-testid="matter-region"]')
    const line = (await regionLine.count()) ? await regionLine.innerText() : await page.locator('.el-descriptions').first().innerText()
    assert.ok(line.replace(/\s+/g, ' ').includes(village(listed.chain)), `assistant's matter page reads "${line}", wanted "${village(listed.chain)}"`)
    await shot(page, 'desk-regions-assistant')
    await page.context().close()
  })
})
