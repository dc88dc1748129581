// Away members (离乡不离党) in the browser, on the demo county. The village assistant (the branch's
// secretary account) publishes an online study activity on 网上学习; the demo party member signs
// in on the phone page 我的学习 with a note; the assistant cannot sign the member in through the
// API (403) and sees the member's attendance as online (本人线上学习) while a make-up study the
// assistant records for another member stays labelled 补学（代录）. On 流动党员 the assistant logs a
// WeChat contact with an away member; the diary writes a phone visit (电话) that the diary lists
// as 电话.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ASSISTANT, requireServer, launch, newPage, login, shot, field, chooseOption } from './helpers.mjs'
import { MEMBER, apiLogin, call, itemsOf, area, mobilePage, uiLogin, pickHousehold } from './network-helpers.mjs'

const chinaToday = (days = 0) => new Date(Date.now() + 8 * 3600 * 1000 + days * 86400000).toISOString().slice(0, 10)

describe('away members and online study', { timeout: 240000 }, () => {
  let browser
  let assistant
  let member
  let branch
  const title = `网上学习测试${Date.now() % 100000}`

  before(async () => {
    requireServer()
    browser = await launch()
    assistant = await apiLogin(ASSISTANT)
    member = await apiLogin(MEMBER)
    const village = (await call(assistant, 'GET', '/auth/me')).body.user.scope_region_id
    branch = itemsOf((await call(assistant, 'GET', '/party/orgs')).body).find((o) => o.region_id === village && o.kind === 'branch')
    assert.ok(branch, "the assistant's village has a party branch")
  })

  after(async () => {
    if (browser) await browser.close()
  })

  it('a member signs in to a study activity; the secretary cannot sign in for them', async () => {
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto('/study')
    await page.locator('[data-testid="study-page"]').waitFor()
    await page.locator('[data-testid="study-new"]').click()
    await chooseOption(page, page.locator('[data-testid="study-org"]'), branch.name, branch.name)
    await field(page, 'study-title').fill(title)
    await area(page, 'study-material').fill('第一章 党员：党员的义务和权利')
    await field(page, 'study-closes').fill(chinaToday(7))
    await page.locator('[data-testid="study-save"]').click()
    await page.locator('[data-testid="study-table"]', { hasText: title }).waitFor()
    const activity = itemsOf((await call(assistant, 'GET', '/study/activities')).body).find((a) => a.title === title)
    assert.ok(activity, 'the activity is listed')

    // The secretary's account cannot mark anyone's attendance, whatever member it names.
    const forged = await call(assistant, 'POST', `/study/activities/${activity.id}/attend`, { note: '代签' })
    assert.equal(forged.status, 403, JSON.stringify(forged.body))

    // The member on the phone.
    const phone = await mobilePage(browser)
    await uiLogin(phone, MEMBER)
    await phone.goto('/study/my')
    await phone.locator(`[data-testid="my-study-${activity.id}"]`).waitFor()
    await area(phone, `my-study-note-${activity.id}`).fill('在外务工也不忘学习，牢记党员义务')
    await phone.locator(`[data-testid="my-study-attend-${activity.id}"]`).click()
    await phone.locator(`[data-testid="my-study-done-${activity.id}"]`).waitFor()
    assert.match(await phone.locator(`[data-testid="my-study-done-${activity.id}"]`).textContent(), /已签到/)
    await shot(phone, 'away-my-study')

    const view = (await call(assistant, 'GET', `/study/activities/${activity.id}`)).body
    const own = view.roster.find((r) => r.attended)
    assert.ok(own && !own.made_up, 'the member attended online')
    const other = view.roster.find((r) => !r.attended)
    assert.ok(other, 'another member has not attended yet')

    await page.locator(`[data-testid="study-open-${activity.id}"]`).click()
    await page.locator('[data-testid="study-detail"]').waitFor()
    assert.match(await page.locator(`[data-testid="study-att-${own.member_id}"]`).textContent(), /本人线上学习/)
    await page.locator(`[data-testid="study-makeup-${other.member_id}"]`).click()
    await area(page, 'study-makeup-note').fill('回村后在支部活动室补学')
    await page.locator('[data-testid="study-makeup-save"]').click()
    await page.locator(`[data-testid="study-att-${other.member_id}"]`, { hasText: '补学' }).waitFor()
    await shot(page, 'away-study-attendance')
  })

  it('logs a contact with an away member and shows a phone visit as 电话', async () => {
    const page = await newPage(browser)
    await login(page, ASSISTANT)
    await page.goto('/away')
    await page.locator('[data-testid="away-page"]').waitFor()
    const rows = itemsOf((await call(assistant, 'GET', '/away/members')).body)
    if (rows.length) {
      const m = rows[0]
      await page.locator(`[data-testid="away-open-${m.member_id}"]`).click()
      await page.locator('[data-testid="away-contact-form"]').waitFor()
      await page.locator('[data-testid="away-way-wechat"]').click()
      const note = `微信联系测试${Date.now() % 100000}`
      await area(page, 'away-contact-note').fill(note)
      await page.locator('[data-testid="away-contact-save"]').click()
      await page.locator('[data-testid="away-contact-list"]', { hasText: note }).waitFor()
      const after = itemsOf((await call(assistant, 'GET', '/away/members')).body).find((r) => r.member_id === m.member_id)
      assert.equal(after.last_contact, chinaToday())
      assert.equal(after.overdue, false)
      await shot(page, 'away-contacts')
    }

    // A phone visit written on the diary page (上门/电话 chosen in the form) lists as 电话.
    const households = itemsOf((await call(assistant, 'GET', '/households?page_size=50')).body).filter((h) => h.head_name && h.head_name.length >= 2)
    assert.ok(households.length, 'the assistant sees households')
    const h = households[0]
    const learned = `电话走访测试${Date.now() % 100000}`
    await page.goto('/diary')
    await page.locator('[data-testid="diary-write"]').click()
    await pickHousehold(page, h)
    await page.locator('[data-testid="visit-way-phone"]').click()
    await page.locator('[data-testid="visit-way-hint"]').waitFor()
    await area(page, 'visit-learned').fill(learned)
    await page.locator('[data-testid="visit-save"]').click()
    await page.locator('[data-testid="visit-saved"]').waitFor()
    const me = (await call(assistant, 'GET', '/auth/me')).body.user
    const saved = itemsOf((await call(assistant, 'GET', `/visits?visitor=${me.id}&page_size=50`)).body).find((v) => v.learned === learned)
    assert.ok(saved, 'the entry is in the diary')
    assert.equal(saved.way, 'phone')
    await page.goto('/diary')
    const chip = page.locator(`[data-testid="diary-way-${saved.id}"]`).first()
    await chip.waitFor()
    assert.match(await chip.textContent(), /电话/)
    await shot(page, 'away-diary-phone')
  })
})
