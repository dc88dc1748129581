// The shared number formats: counts with thousands separators, percentages with one decimal,
// rounded down so that a share short of all never reads 100%.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fmtCount, percentDown, sharePercent, fmtPercent } from '../src/format.js'

test('a share short of all never reads 100%', () => {
  assert.equal(percentDown(12000, 12018), 99.8)
  assert.equal(percentDown(19999, 20000), 99.9)
  assert.equal(percentDown(199999, 200000), 99.9)
  assert.equal(sharePercent(0.99999), 99.9)
  assert.equal(sharePercent(1 - 1e-12), 99.9)
  assert.equal(fmtPercent(percentDown(19999, 20000)), '99.9%')
})

test('percentages round down to one decimal, all of it is 100.0%', () => {
  assert.equal(percentDown(2, 3), 66.6)
  assert.equal(percentDown(1, 8), 12.5)
  assert.equal(percentDown(7, 7), 100)
  assert.equal(sharePercent(0.6666), 66.6)
  assert.equal(sharePercent(0.29), 29)
  assert.equal(sharePercent(0.57), 57)
  assert.equal(sharePercent(1), 100)
  assert.equal(fmtPercent(100), '100.0%')
  assert.equal(fmtPercent(0), '0.0%')
  assert.equal(fmtPercent(5), '5.0%')
})

test('nothing to divide by is 0, nothing to show is a dash', () => {
  assert.equal(percentDown(0, 0), 0)
  assert.equal(percentDown(5, null), 0)
  assert.equal(sharePercent(null), 0)
  assert.equal(fmtPercent(undefined), '—')
  assert.equal(fmtCount(null), '—')
})

test('counts have thousands separators', () => {
  assert.equal(fmtCount(0), '0')
  assert.equal(fmtCount(999), '999')
  assert.equal(fmtCount(12345), '12,345')
  assert.equal(fmtCount(1234567), '1,234,567')
  assert.equal(fmtCount('40000'), '40,000')
})
