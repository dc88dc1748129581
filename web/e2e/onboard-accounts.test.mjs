// Onboarding accounts in bulk, as a county office does on day one: the administrator uploads a
// small accounts sheet on the accounts page (checked first, then imported), prints the new
// accounts' activation letters (a PDF, read back with pdftotext), and the party member, in a
// fresh browser, opens the activation page, types the code from the letter, sets a password and
// lands on their own page with their households. The same code a second time fails with a
// Chinese message.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, ADMIN, ASSISTANT, RESULTS, requireServer, launch, newPage, shot, field, login } from './helpers.mjs'
import { apiLogin, call, itemsOf } from './network-helpers.mjs'

// A party member of the assistant's village who has linked households and no account yet.
async function pickMember(adminToken) {
  const assistant = await apiLogin(ASSISTANT)
  const villageId = (await call(assistant, 'GET', '/auth/me')).body.user.scope_region_id
  let tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  const linked = (t) => (t.body.groups || []).flatMap((g) => g.members || []).filter((m) => (m.households || []).length)
  if (!linked(tree).length) {
    const plan = await call(adminToken, 'POST', `/network/villages/${villageId}/preview`, {})
    assert.equal(plan.status, 200, `preview: ${JSON.stringify(plan.body)}`)
    assert.equal((await call(adminToken, 'POST', `/network/plans/${plan.body.plan_id}/apply`, {})).status, 200)
    tree = await call(adminToken, 'GET', `/network/villages/${villageId}`)
  }
  const taken = new Set()
  for (let page = 1; page <= 20; page++) {
    const users = await call(adminToken, 'GET', `/users?page=${page}&page_size=100`)
    const items = itemsOf(users.body)
    for (const u of items) if (u.resident_id) taken.add(u.resident_id)
    if (items.length < 100) break
  }
  for (const m of linked(tree)) {
    const member = (await call(adminToken, 'GET', `/party/members/${m.member.id}`)).body
    if (taken.has(member.resident_id)) continue
    const revealed = await call(adminToken, 'POST', `/residents/${member.resident_id}/reveal`, {})
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body))
    const region = (await call(adminToken, 'GET', `/regions/${villageId}`)).body
    return { name: member.name, idCard: revealed.body.id_card, regionCode: region.code, households: m.households.length }
  }
  assert.fail('no party member with households and without an account in the village')
}

async function findUser(adminToken, username) {
  for (let page = 1; page <= 50; page++) {
    const items = itemsOf((await call(adminToken, 'GET', `/users?page=${page}&page_size=100`)).body)
    const found = items.find((u) => u.username === username)
    if (found) return found
    if (items.length < 100) break
  }
  assert.fail(`no account ${username}`)
}

describe('accounts in bulk: import, letters, one-time activation', { timeout: 300000 }, () => {
  let browser
  before(async () => {
    if (BASE) browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('the member activates with the code of the letter once and sees their households', async () => {
    requireServer()
    const adminToken = await apiLogin(ADMIN)
    const member = await pickMember(adminToken)
    const suffix = Date.now().toString(36)
    const username = `dy_${suffix}`
    const sheet = [
      '姓名,角色,用户名,管辖区域代码,所属单位,手机号,关联身份证号',
      `${member.name},党员,${username},${member.regionCode},,,${member.idCard}`,
      `新助理${suffix.slice(-3)},村级事务助理,zl_${suffix},${member.regionCode},,,`,
    ].join('\n')

    const admin = await newPage(browser)
    await login(admin, ADMIN)
    await admin.goto('/users')
    await admin.locator('[data-testid="users-import"]').click()
    const dialog = admin.locator('[data-testid="accounts-import-dialog"]')
    await dialog.waitFor()
    await admin.locator('[data-testid="accounts-file"]').setInputFiles({ name: '账号.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') })
    await admin.locator('[data-testid="accounts-check"]').click()
    await admin.locator('[data-testid="accounts-summary"]').filter({ hasText: '可导入' }).waitFor()
    assert.match(await admin.locator('[data-testid="accounts-summary"]').innerText(), /新账号 2/)
    await admin.locator('[data-testid="accounts-import-all"]').click()
    await admin.locator('[data-testid="accounts-summary"]').filter({ hasText: '已导入' }).waitFor()
    await shot(admin, 'onboard-accounts-imported')

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.locator('[data-testid="accounts-letters"]').click(),
    ])
    const pdfPath = path.join(RESULTS, 'onboard-accounts-letters.pdf')
    await download.saveAs(pdfPath)
    const pdf = fs.readFileSync(pdfPath)
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF')
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
    assert.ok(text.includes(username), 'the letter names the username')
    assert.ok(text.includes(`/activate?u=${username}`), 'the letter carries the activation link')
    const codes = [...text.matchAll(/激活码\s+([2-9A-HJKMNP-Z]{8})/g)].map((m) => m[1])
    assert.equal(codes.length, 2, text)
    const code = codes[0]

    // The new account waits for activation: no password works yet.
    await dialog.locator('button').filter({ hasText: '关闭' }).click()
    const pending = await findUser(adminToken, username)
    assert.equal(pending.activated, false)
    assert.equal((await call('', 'POST', '/auth/login', { username, password: 'Dangyuan-2026' })).status, 401)

    // The member, in a browser of their own, from the letter's link.
    const phone = await newPage(browser)
    await phone.goto(`/activate?u=${username}`)
    assert.equal(await field(phone, 'activate-username').inputValue(), username)
    await field(phone, 'activate-code').fill(code.toLowerCase())
    await field(phone, 'activate-password').fill('Dangyuan-2026')
    await field(phone, 'activate-confirm').fill('Dangyuan-2026')
    await shot(phone, 'onboard-accounts-activate')
    await phone.locator('[data-testid="activate-submit"]').click()
    await phone.waitForURL((u) => u.pathname === '/m')
    await phone.locator('[data-testid="mobile-home"]').waitFor()
    await phone.locator('[data-testid^="m-household-"]').first().waitFor()
    assert.equal(await phone.locator('[data-testid^="m-household-"]').count(), member.households)
    await shot(phone, 'onboard-accounts-member-home')

    // The same code again, elsewhere: refused in Chinese, and the password stays the member's.
    const other = await newPage(browser)
    await other.goto(`/activate?u=${username}`)
    await field(other, 'activate-code').fill(code)
    await field(other, 'activate-password').fill('Another-pass-99')
    await field(other, 'activate-confirm').fill('Another-pass-99')
    await other.locator('[data-testid="activate-submit"]').click()
    const error = other.locator('[data-testid="activate-error"]')
    await error.waitFor()
    assert.match(await error.innerText(), /激活码已经使用过/)
    await shot(other, 'onboard-accounts-code-used')
    assert.equal((await call('', 'POST', '/auth/login', { username, password: 'Another-pass-99' })).status, 401)
    assert.equal((await call('', 'POST', '/auth/login', { username, password: 'Dangyuan-2026' })).status, 200)
    await phone.context().close()
    await other.context().close()
    await admin.context().close()
  })
})
