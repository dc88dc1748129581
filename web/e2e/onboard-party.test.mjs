// Issue 14, part "party": an administrator uploads a party roster (党员花名册) on the party page,
// sees the row whose name does not match the registry, fixes the file, imports it, and the page
// lists the new branches and members; the export button downloads the same columns.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, requireServer, launch, newPage, login, shot } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

// A valid GB 11643 number for a birth date and sequence.
function idCard(birth, seq) {
  const body = `131124${birth}${String(seq).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

const HEADER = '党组织路径,姓名,身份证号,入党日期,党员状态,是否流动,流动去向,是否可联系农户,联系户数上限,联系电话,是否党小组长'
const csv = (rows) => Buffer.from([HEADER, ...rows].join('\n') + '\n')

describe('party roster import in the browser', () => {
  let browser
  let token
  let township
  let village
  const tag = String(Date.now() % 100000)
  const headId = idCard('19700315', Number(tag) % 900 + 11)
  const wifeId = idCard('19720417', Number(tag) % 900 + 12)
  const head = `党建甲${tag}`
  const wife = `党建乙${tag}`

  before(async () => {
    requireServer()
    token = await apiLogin(ADMIN)
    // A new village of the first township, with one household of two residents.
    const roots = await call(token, 'GET', '/regions')
    const county = itemsOf(roots.body)[0]
    const towns = await call(token, 'GET', `/regions?parent_id=${county.id}`)
    township = itemsOf(towns.body)[0]
    for (let attempt = 0; attempt < 20 && !village; attempt++) {
      const code = township.code.slice(0, 9) + String(900 + ((Number(tag) + attempt) % 100))
      const res = await call(token, 'POST', '/regions', { parent_id: township.id, level: 'village', code, name: `党建村${tag}` })
      if (res.status === 200 || res.status === 201) village = res.body
    }
    assert.ok(village, 'a test village was created')
    const hh = await call(token, 'POST', '/households', {
      region_id: village.id, address: `党建村${tag}1号`, tags: [],
      members: [{ name: head, id_card: headId, relation: '户主' }, { name: wife, id_card: wifeId, relation: '配偶' }],
    })
    assert.ok(hh.status === 200 || hh.status === 201, `POST /households: ${JSON.stringify(hh.body)}`)
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('checks, shows the bad row, imports the fixed file and lists the branches and members', async () => {
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/party')
    await page.locator('[data-testid="party-member-table"]').waitFor()

    const path = `${township.name}党委/党建村${tag}党支部`
    const bad = csv([
      `${path}/一组党小组,${head},${headId},2001-07-01,正式,否,,是,8,13900001234,是`,
      `${path},错名字,${wifeId},2019/7/1,预备,是,北京,否,,,否`,
    ])
    await page.locator('[data-testid="party-import"]').click()
    const dialog = page.locator('[data-testid="party-import-dialog"]')
    await dialog.locator('[data-testid="party-file"]').setInputFiles({ name: '党员花名册.csv', mimeType: 'text/csv', buffer: bad })
    await dialog.locator('[data-testid="party-check"]').click()
    await dialog.locator('[data-testid="party-summary"]', { hasText: '共 2 行，有错误 1 行' }).waitFor()
    const problems = dialog.locator('[data-testid="party-problems"]')
    await problems.locator('tr', { hasText: '姓名与户籍登记不一致' }).waitFor()
    assert.match(await problems.innerText(), /3\s+姓名/)
    await shot(page, 'party-roster-check')

    const fixed = csv([
      `${path}/一组党小组,${head},${headId},2001-07-01,正式,否,,是,8,13900001234,是`,
      `${path},${wife},${wifeId},2019/7/1,预备,是,北京,否,,,否`,
    ])
    await dialog.locator('[data-testid="party-file"]').setInputFiles({ name: '党员花名册-改.csv', mimeType: 'text/csv', buffer: fixed })
    await dialog.locator('[data-testid="party-check"]').click()
    await dialog.locator('[data-testid="party-summary"]', { hasText: '可新建党组织 3 个、新党员 2 名' }).waitFor()
    await dialog.locator('[data-testid="party-import-all"]').click()
    await dialog.locator('[data-testid="party-summary"]', { hasText: '已新建党组织 3 个、新党员 2 名' }).waitFor()
    await shot(page, 'party-roster-imported')
    await dialog.locator('.el-dialog__footer button', { hasText: '关闭' }).click()

    // The tree shows the township's 党委 with the new branch under it, and its group.
    const tree = page.locator('[data-testid="org-tree"]')
    const committee = tree.locator('.el-tree-node__content', { hasText: `${township.name}党委` }).first()
    await committee.waitFor()
    await committee.locator('.el-tree-node__expand-icon').click()
    const branch = tree.locator('.el-tree-node__content', { hasText: `党建村${tag}党支部` }).first()
    await branch.waitFor()
    await branch.locator('.el-tree-node__expand-icon').click()
    await tree.locator('.el-tree-node__content', { hasText: '一组党小组' }).first().waitFor()
    await branch.click()
    const table = page.locator('[data-testid="party-member-table"]')
    await table.locator('tr', { hasText: head }).waitFor()
    await table.locator('tr', { hasText: wife }).waitFor()
    assert.match(await table.locator('tr', { hasText: head }).innerText(), /一组党小组/)
    await shot(page, 'party-roster-members')

    // The group leader is set, and the away member's destination is kept.
    const members = await call(token, 'GET', `/party/members?q=${encodeURIComponent(wife)}`)
    const away = itemsOf(members.body).find((m) => m.name === wife)
    assert.equal(away.away_to, '北京')
    assert.equal(away.status, 'probationary')

    // Export: the same columns, with both members.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="party-export"]').click(),
    ])
    const text = await (async () => {
      const stream = await download.createReadStream()
      const chunks = []
      for await (const c of stream) chunks.push(c)
      return Buffer.concat(chunks)
    })()
    assert.ok(text.length > 0, 'the export has content')
    assert.match(download.suggestedFilename(), /党员花名册|party-roster/)
  })
})
