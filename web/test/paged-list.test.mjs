// usePagedList: only the latest request's answer is applied, and a failure empties the list and
// shows the server's message once (none for 401, which the sign-in redirect handles).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { usePagedList } from '../src/composables/usePagedList.js'
import { shown } from '../test-support/element-plus.mjs'

// A fetchPage whose answers the test releases by hand, in any order.
function deferredFetches() {
  const calls = []
  const fetchPage = (query) =>
    new Promise((resolve, reject) => calls.push({ query, resolve, reject }))
  return { calls, fetchPage }
}

test('an answer that arrives after a newer request started is dropped', async () => {
  const { calls, fetchPage } = deferredFetches()
  const list = usePagedList(fetchPage, { immediate: false, filters: { q: 'old' } })
  const first = list.load()
  list.filters.q = 'new'
  const second = list.reload()
  calls[1].resolve({ items: [{ id: 2 }], total: 1 })
  await second
  calls[0].resolve({ items: [{ id: 1 }, { id: 9 }], total: 2 })
  await first
  assert.deepEqual(list.rows.value, [{ id: 2 }])
  assert.equal(list.total.value, 1)
  assert.equal(list.loading.value, false)
  assert.equal(calls[1].query.q, 'new')
  assert.equal(calls[1].query.page, 1)
})

test('a stale failure neither empties the newer rows nor shows a message', async () => {
  const { calls, fetchPage } = deferredFetches()
  const list = usePagedList(fetchPage, { immediate: false })
  shown.length = 0
  const first = list.load()
  const second = list.load()
  calls[1].resolve({ items: [{ id: 5 }], total: 1 })
  await second
  calls[0].reject(Object.assign(new Error('网络错误'), { status: 0 }))
  await first
  assert.deepEqual(list.rows.value, [{ id: 5 }])
  assert.deepEqual(shown, [])
})

test('a failure empties the list and shows the message once; 401 shows none', async () => {
  const { calls, fetchPage } = deferredFetches()
  const list = usePagedList(fetchPage, { immediate: false })
  shown.length = 0
  const ok = list.load()
  calls[0].resolve({ items: [{ id: 1 }], total: 1 })
  await ok
  const failed = list.load()
  calls[1].reject(Object.assign(new Error('无权执行此操作'), { status: 403 }))
  await failed
  assert.deepEqual(list.rows.value, [])
  assert.equal(list.error.value, '无权执行此操作')
  assert.deepEqual(shown, [{ kind: 'error', message: '无权执行此操作' }])
  const expired = list.load()
  calls[2].reject(Object.assign(new Error('请先登录'), { status: 401 }))
  await expired
  assert.equal(shown.length, 1)
})

test('a capped count (a broad matter search) shows as 1万+, an exact one as it is', async () => {
  const answers = [{ items: [{ id: 1 }], total: 10000, total_capped: true }, { items: [{ id: 1 }], total: 35 }]
  const list = usePagedList(async () => answers.shift(), { immediate: false })
  await list.load()
  assert.equal(list.totalCapped.value, true)
  assert.equal(list.totalText.value, '共 1万+ 条')
  await list.load()
  assert.equal(list.totalCapped.value, false)
  assert.equal(list.totalText.value, '共 35 条')
})

test('a count capped at 1,000 (a look-up of a surname alone) shows as 1000+', async () => {
  const list = usePagedList(async () => ({ items: [{ id: 1 }], total: 1000, total_capped: true }), { immediate: false })
  await list.load()
  assert.equal(list.totalText.value, '共 1000+ 条')
})
