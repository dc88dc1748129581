// Phone numbers are checked in the browser as the server checks them (phone.invalid): 11 digits
// starting with 1[3-9]; spaces and dashes people type are ignored.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cleanPhone, isMobile, phoneCodeProblem } from '../src/phone.js'

test('mainland mobile numbers pass, others do not', () => {
  for (const ok of ['13800138000', '19912345678', '138 0013 8000', '138-0013-8000', ' 15012345678 ']) assert.ok(isMobile(ok), ok)
  for (const bad of ['', '1380013800', '138001380001', '12800138000', '10800138000', '23800138000', '1380013800a', '+8613800138000', null, undefined]) {
    assert.ok(!isMobile(bad), String(bad))
  }
  assert.equal(cleanPhone(' 138 0013-8000 '), '13800138000')
})

test('a phone-and-code form names its first problem, or none', () => {
  assert.equal(phoneCodeProblem('12345', '123456'), 'common.phoneInvalid')
  assert.equal(phoneCodeProblem('138 0013 8000', ' '), 'accounts.codeFilled')
  assert.equal(phoneCodeProblem('138-0013-8000', '123456'), '')
})
