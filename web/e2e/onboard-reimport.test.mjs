// A roster re-import in the browser (issue 14, item 5): a household is imported, then a sheet
// with its address changed and one resident more is checked; the preview lists the changed
// address (before → after) and the new resident; the import applies them and the household page
// shows the change.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN, requireServer, launch, newPage, login, shot, apiGet } from './helpers.mjs'

const HEADER = '户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系'

// An ID-card number with its GB 11643 check character.
function idCard(region6, birth, sequence) {
  const body = `${region6}${birth}${String(sequence).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

describe('roster re-import', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('previews a changed address and a new resident, applies them, and the household shows them', async () => {
    requireServer()
    const page = await newPage(browser)
    await login(page, ADMIN)
    const county = (await apiGet(page, '/regions')).body.items[0]
    const township = (await apiGet(page, `/regions?parent_id=${county.id}`)).body.items[0]
    const village = (await apiGet(page, `/regions?parent_id=${township.id}`)).body.items[0]
    assert.ok(village && village.code, 'no village with a code to import into')

    const stamp = Date.now().toString(36)
    const serial = 100 + (Date.now() % 800)
    const number = `REI-${stamp}`
    const oldAddress = `${village.name}重导测试${stamp}号`
    const newAddress = `${village.name}重导新址${stamp}号`
    const head = `${number},${village.code},${oldAddress},低保,重导甲,,,${idCard('110105', '19770707', serial)},13700003333,户主`
    const dialog = page.locator('[data-testid="roster-import-dialog"]')
    // The second file is picked in the same dialog, which then forgets the first report.
    const upload = async (csv, name) => {
      await dialog.locator('[data-testid="roster-file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await dialog.locator('[data-testid="roster-check"]').click()
    }

    await page.goto('/households')
    await page.locator('[data-testid="roster-import"]').click()
    await upload([HEADER, head].join('\r\n'), '花名册一.csv')
    await dialog.locator('[data-testid="roster-summary"]', { hasText: '共 1 行，其中有错误 0 行' }).waitFor()
    await dialog.locator('[data-testid="roster-import-all"]').click()
    await dialog.locator('[data-testid="roster-summary"]', { hasText: '已导入：新户 1' }).waitFor()

    // The re-import: the address changes, 重导乙 joins.
    const second = [HEADER,
      head.replace(oldAddress, newAddress),
      `${number},${village.code},${newAddress},,重导乙,,,${idCard('110105', '20030303', serial)},,子`].join('\r\n')
    await upload(second, '花名册二.csv')
    const summary = dialog.locator('[data-testid="roster-summary"]')
    await summary.filter({ hasText: '更新：户 1，居民 0；迁出居民 0' }).waitFor()
    const changes = dialog.locator('[data-testid="roster-changes"]')
    await changes.locator('[data-testid="roster-tab-households_changed"]', { hasText: '变更的户 (1)' }).waitFor()
    const changedRow = changes.locator('[data-testid="roster-changes-households_changed"] .el-table__row', { hasText: number })
    await changedRow.waitFor()
    const text = await changedRow.innerText()
    assert.ok(text.includes(oldAddress) && text.includes(newAddress), `before and after not shown: ${text}`)
    await changes.locator('[data-testid="roster-tab-residents_added"]', { hasText: '新居民 (1)' }).click()
    await changes.locator('[data-testid="roster-changes-residents_added"] .el-table__row', { hasText: '重导乙' }).waitFor()
    await shot(page, 'roster-reimport-preview')
    // Nothing is written by the check.
    const before = await apiGet(page, `/households?q=${encodeURIComponent(number)}`)
    assert.equal(before.body.total, 1, JSON.stringify(before.body))
    assert.equal(before.body.items[0].address, oldAddress)

    await dialog.locator('[data-testid="roster-import-all"]').click()
    await summary.filter({ hasText: '已导入' }).waitFor()
    const id = before.body.items[0].id
    await page.goto(`/households/${id}`)
    await page.getByText(newAddress).first().waitFor()
    await page.getByText('重导乙').first().waitFor()
    await shot(page, 'roster-reimport-household')
    await page.context().close()
  })
})
