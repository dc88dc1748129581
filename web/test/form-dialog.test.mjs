// useFormDialog: a dialog that reads its model from the server as it opens (load) shows loading
// meanwhile and the server's message on a failure; one without load opens at once on blank(item).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { shown } from '../test-support/element-plus.mjs'

// src/api.js keeps the CSRF token in sessionStorage, which plain node lacks.
globalThis.sessionStorage ??= { getItem: () => null, setItem() {}, removeItem() {} }
const { useFormDialog } = await import('../src/composables/useFormDialog.js')

function deferred() {
  let resolve
  let reject
  const promise = new Promise((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

test('open() with load shows loading until the answer, then the answer is the model', async () => {
  const answer = deferred()
  const dlg = useFormDialog({ blank: () => ({ place: '' }), load: () => answer.promise, save: async () => ({}) })
  const opened = dlg.open()
  assert.equal(dlg.visible.value, true)
  assert.equal(dlg.loading.value, true)
  assert.deepEqual(dlg.form.value, { place: '' })
  answer.resolve({ place: '村委会' })
  await opened
  assert.equal(dlg.loading.value, false)
  assert.deepEqual(dlg.form.value, { place: '村委会' })
  assert.equal(dlg.error.value, '')
})

test('a failed load shows the message and keeps the blank model', async () => {
  const dlg = useFormDialog({ blank: () => ({ n: 0 }), load: async () => { throw new Error('无权查看') }, save: async () => ({}) })
  await dlg.open()
  assert.equal(dlg.visible.value, true)
  assert.equal(dlg.loading.value, false)
  assert.equal(dlg.error.value, '无权查看')
  assert.deepEqual(dlg.form.value, { n: 0 })
})

test('without load, open(item) fills the model at once; a save closes with the message', async () => {
  let saved = null
  const dlg = useFormDialog({ blank: (item) => ({ name: item ? item.name : '' }), save: async (form) => { saved = { ...form } } })
  dlg.open({ name: '甲' })
  assert.deepEqual(dlg.form.value, { name: '甲' })
  assert.equal(dlg.loading.value, false)
  dlg.form.value.name = '乙'
  shown.length = 0
  await dlg.submit()
  assert.deepEqual(saved, { name: '乙' })
  assert.equal(dlg.visible.value, false)
  assert.deepEqual(shown, [{ kind: 'success', message: '已保存' }])
})
