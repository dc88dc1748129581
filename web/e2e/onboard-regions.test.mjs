// Issue 14 item 3: a city district deploys with its own levels. From an empty
// `minqing init --levels 市,区,街道,社区,网格` (no demo; this test starts its own server on a
// fresh database), an administrator uploads the statistical division codes of a district on the
// regions page, sees the dry run's report (a sheet with bad rows lists each row, column and
// reason and cannot be applied), applies the good sheet, and the region tree and the region
// picker name the levels 市/区/街道/社区/网格.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startOwnServer, ownPage, shot } from './helpers.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const FIXTURES = path.join(here, 'fixtures')
const PASSWORD = 'district-admin-1'

describe('a district imports its region tree in the browser (issue 14, item 3)', { timeout: 180000 }, () => {
  let own, browser, page

  before(async () => {
    own = await startOwnServer('minqing-onboard-regions-', ['--levels', '市,区,街道,社区,网格'], PASSWORD)
    ;({ browser, page } = await ownPage(own.base, 'admin', PASSWORD))
  })

  after(async () => {
    if (browser) await browser.close()
    if (own) await own.stop()
  })

  it('a sheet with bad rows is reported row by row and cannot be applied', async () => {
    await page.goto('/regions')
    const levels = page.locator('[data-testid="region-levels"]')
    await levels.waitFor()
    assert.match((await levels.innerText()).replace(/\s+/g, ''), /市\/区\/街道\/社区\/网格/)
    await page.locator('[data-testid="import-regions"]').click()
    const dialog = page.locator('[data-testid="region-import-dialog"]')
    await dialog.waitFor()
    await page.locator('[data-testid="region-file"]').setInputFiles(path.join(FIXTURES, 'district-regions-bad.csv'))
    await page.locator('[data-testid="region-check"]').click()
    const problems = page.locator('[data-testid="region-import-problems"]')
    await problems.waitFor()
    const text = (await problems.innerText()).replace(/\s+/g, ' ')
    for (const expected of ['统计用区划代码', '重复', '不存在', '层级']) {
      assert.ok(text.includes(expected), `problems read "${text}", wanted "${expected}"`)
    }
    assert.match(await page.locator('[data-testid="region-import-summary"]').innerText(), /有错误 4 行/)
    assert.equal(await page.locator('[data-testid="region-apply"]').count(), 0, 'a sheet with bad rows offers no import')
    await shot(page, 'onboard-regions-bad-rows')
  })

  it('the district tree imports after a dry run and the tree and the picker name its levels', async () => {
    await page.locator('[data-testid="region-file"]').setInputFiles(path.join(FIXTURES, 'district-regions.csv'))
    await page.locator('[data-testid="region-check"]').click()
    const summary = page.locator('[data-testid="region-import-summary"]')
    await page.getByText('可新建 11 个区域').waitFor()
    await page.locator('[data-testid="region-apply"]').click()
    await page.getByText('已导入：共 11 行').waitFor()
    assert.match(await summary.innerText(), /新建 11 个区域/)
    await page.locator('[data-testid="region-import-dialog"]').getByRole('button', { name: '关闭', exact: true }).click()

    // The tree: 石家庄市 (市) → 长安区 (区) → 建北街道 (街道) → 谈北社区 (社区) → 一网格 (网格).
    const tree = page.locator('[data-testid="region-tree"]')
    const node = (name) => tree.locator('.el-tree-node__content', { hasText: name }).first()
    const expand = async (name) => {
      await node(name).waitFor()
      await node(name).locator('.el-tree-node__expand-icon').click()
    }
    await expand('石家庄市')
    await expand('长安区')
    await expand('建北街道')
    await expand('谈北社区')
    await node('二网格').waitFor()
    for (const [name, level] of [['石家庄市', '市'], ['长安区', '区'], ['建北街道', '街道'], ['谈北社区', '社区'], ['二网格', '网格']]) {
      const text = (await node(name).innerText()).replace(/\s+/g, '')
      assert.equal(text, `${name}${level}`, `tree node reads "${text}"`)
    }
    await node('建北街道').click()
    await page.locator('[data-testid="region-name"]').getByText('建北街道').waitFor()
    const card = (await page.locator('.el-col').nth(1).innerText()).replace(/\s+/g, ' ')
    assert.ok(card.includes('街道') && card.includes('社区'), `region card reads "${card}"`)
    await shot(page, 'onboard-regions-tree')

    // The region picker of a new household: each option with its level's name.
    await page.goto('/households')
    await page.locator('[data-testid="new-household"]').click()
    await page.locator('.el-dialog .el-cascader').first().click()
    const panel = page.locator('.el-cascader-panel').first()
    await panel.getByText('石家庄市').click()
    await panel.getByText('长安区').click()
    await panel.getByText('建北街道').first().click()
    // The street's communities load when it is opened: wait for the fourth column.
    await panel.getByText('谈北社区').first().waitFor()
    const options = (await panel.innerText()).replace(/\s+/g, '')
    for (const expected of ['石家庄市市', '长安区区', '建北街道街道', '谈北社区社区']) {
      assert.ok(options.includes(expected), `picker reads "${options}", wanted "${expected}"`)
    }
    await shot(page, 'onboard-regions-picker')
  })
})
