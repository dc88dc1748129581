// Open311 GeoReport v2 in the browser, on the demo county. The administrator opens 系统设置 → 接口密钥,
// creates a key (the whole key is shown once) and sees it listed by its prefix. Then a GeoReport
// client — the browser's own fetch and DOMParser, walking the interface as FixMyStreet does (the
// npm package "open311" cannot be installed: it depends on a GitHub git URL) — reads
// discovery.xml, takes the endpoint from it, lists services.xml, reads a service definition,
// files a request as a form POST with attribute[...] and reads it back in XML and JSON; the
// request count on the page rises. A clerk cannot open the page's API. After the key is revoked
// on the page, filing with it is refused (403) and no matter is added.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN, BASE, requireServer, launch, newPage, login, shot, field } from './helpers.mjs'
import { CLERK, call, clerkHousehold } from './matters-helpers.mjs'

// One GeoReport v2 client session, run inside the page: every answer parsed as a client would.
async function clientSession(page, key, householdNumber) {
  return page.evaluate(async ({ key, householdNumber }) => {
    const xml = async (url, init) => {
      const res = await fetch(url, init)
      const doc = new DOMParser().parseFromString(await res.text(), 'text/xml')
      if (doc.querySelector('parsererror')) throw new Error(`not XML: ${url}`)
      return { status: res.status, doc }
    }
    const text = (node, name) => node.querySelector(name)?.textContent ?? ''
    const discovery = await xml('/open311/v2/discovery.xml')
    const endpoint = [...discovery.doc.querySelectorAll('endpoint')]
      .find((e) => text(e, 'specification').includes('GeoReport_v2'))
    const base = new URL(text(endpoint, 'url')).pathname
    const services = await xml(`${base}services.xml`)
    const service = [...services.doc.querySelectorAll('service')].find((s) => text(s, 'metadata') === 'true')
    const code = text(service, 'service_code')
    const definition = await xml(`${base}services/${code}.xml`)
    const required = [...definition.doc.querySelectorAll('attribute')]
      .filter((a) => text(a, 'required') === 'true')
      .map((a) => ({ code: text(a, 'code'), first: text(a.querySelector('value'), 'key') }))
    const form = new URLSearchParams({ api_key: key, service_code: code, description: '小区门口路灯不亮，晚上出行不便' })
    for (const a of required) form.append(`attribute[${a.code}]`, a.first)
    form.append('attribute[household_number]', householdNumber)
    const posted = await xml(`${base}requests.xml`, { method: 'POST', body: form })
    const id = text(posted.doc, 'service_request_id')
    const readXml = await xml(`${base}requests/${id}.xml`)
    const readJson = await (await fetch(`${base}requests.json?service_request_id=${id}`)).json()
    return {
      base,
      serviceCount: services.doc.querySelectorAll('service').length,
      required: required.map((a) => a.code),
      postStatus: posted.status,
      id,
      status: text(readXml.doc, 'status'),
      address: text(readXml.doc, 'address'),
      requested: text(readXml.doc, 'requested_datetime'),
      json: readJson,
    }
  }, { key, householdNumber })
}

describe('open311', { timeout: 180000 }, () => {
  let browser
  before(async () => {
    requireServer()
    browser = await launch()
  })
  after(async () => {
    if (browser) await browser.close()
  })

  it('creates a key, serves a GeoReport client, revokes the key', async () => {
    const hh = await clerkHousehold()
    const page = await newPage(browser)
    await login(page, ADMIN)
    await page.goto('/system/open311')
    await page.locator('[data-testid="open311-page"]').waitFor()
    await page.locator('[data-testid="open311-create"]').click()
    await field(page, 'open311-name').fill(`随手拍${Date.now() % 100000}`)
    await page.locator('[data-testid="open311-save"]').click()
    const secretInput = field(page, 'open311-secret')
    await secretInput.waitFor()
    const key = await secretInput.inputValue()
    assert.match(key, /^o311_[0-9a-f]{40}$/)
    await shot(page, 'open311-secret')
    await page.locator('[data-testid="open311-secret-close"]').click()
    const prefix = key.slice(0, 11)
    const row = page.locator('[data-testid="open311-keys"] tr', { hasText: prefix })
    await row.waitFor()

    const session = await clientSession(page, key, hh.number)
    assert.equal(session.base, '/open311/v2/')
    assert.ok(session.serviceCount > 0)
    assert.deepEqual(session.required, ['matter_type'])
    assert.equal(session.postStatus, 200)
    assert.match(session.id, /^\d{8}-\d+$/)
    assert.equal(session.status, 'open')
    assert.match(session.requested, /\+08:00$/)
    assert.ok(session.address.length > 0)
    assert.equal(session.json.length, 1)
    assert.equal(session.json[0].service_request_id, session.id)
    const body = JSON.stringify(session.json)
    assert.ok(!body.includes(hh.number), 'no household number in the public answer')

    await page.reload()
    await row.waitFor()
    await page.locator('[data-testid^="open311-count-"]', { hasText: '1' }).first().waitFor()
    await shot(page, 'open311-keys')

    const clerk = await call(CLERK, 'GET', '/open311/keys')
    assert.equal(clerk.status, 403)

    await row.locator('[data-testid^="open311-revoke-"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await row.locator('[data-testid^="open311-state-"]', { hasText: '已吊销' }).waitFor()
    const refused = await fetch(`${BASE}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ api_key: key, service_code: '1', description: 'x', address_string: 'x' }),
    })
    assert.equal(refused.status, 403)
    const errors = await refused.json()
    assert.equal(errors[0].code, 403)
  })
})
