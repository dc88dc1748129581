// useNotifications: one live feed per tab while someone is signed in; a new notification (not the
// one named at connect time) is announced once; a failing feed is opened again after a growing
// wait, and after MAX_FAILURES failures in a row the tab polls the unread count instead; signing
// out closes the feed.
import { test, mock } from 'node:test'
import assert from 'node:assert/strict'
import { nextTick } from 'vue'

// src/api.js keeps the CSRF token in sessionStorage, which plain node lacks.
globalThis.sessionStorage ??= { getItem: () => null, setItem() {}, removeItem() {} }

// A stand-in for the browser's EventSource: the test sends events and errors by hand.
class FakeEventSource {
  static opened = []
  constructor(url) {
    this.url = url
    this.closed = false
    this.listeners = {}
    this.onerror = null
    FakeEventSource.opened.push(this)
  }
  addEventListener(name, fn) {
    this.listeners[name] = fn
  }
  close() {
    this.closed = true
  }
  send(data) {
    this.listeners.unread({ data: JSON.stringify(data) })
  }
  fail() {
    if (this.onerror) this.onerror(new Error('stream failed'))
  }
}
globalThis.EventSource = FakeEventSource

// The transport's fetch: unread-count and the first page of the list.
const fetched = []
let unreadAnswer = 0
globalThis.fetch = async (url) => {
  fetched.push(url)
  const body = url.includes('/unread-count')
    ? { unread: unreadAnswer }
    : { items: [{ id: '77', title: '新诉求', read_at: null }], total: 1, unread: unreadAnswer }
  return { ok: true, status: 200, text: async () => JSON.stringify(body) }
}

const { auth } = await import('../src/auth.js')
const feed = await import('../src/composables/useNotifications.js')
const { useNotifications, notifications, BACKOFF_MS, MAX_FAILURES, POLL_MS } = feed

const last = () => FakeEventSource.opened[FakeEventSource.opened.length - 1]
// Lets pending promises (the transport's answers, Vue's watchers) run; setImmediate is not mocked.
const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((resolve) => setImmediate(resolve))
  }
}

test('the feed opens on sign-in, announces only newer notifications, reconnects, polls, and closes on sign-out', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] })
  try {
    const announced = []
    auth.user = { id: 1 }
    useNotifications({ onNew: (n) => announced.push(n.id) })
    assert.equal(FakeEventSource.opened.length, 1, 'one feed opened at sign-in')
    assert.match(last().url, /\/notifications\/stream$/)

    // A second user of the composable shares the feed.
    useNotifications()
    assert.equal(FakeEventSource.opened.length, 1)

    // The answer at connect time names what is there already: no toast.
    last().send({ unread: 2, latest: { id: '5', read_at: null } })
    assert.equal(notifications.unread, 2)
    assert.equal(notifications.mode, 'live')
    assert.deepEqual(announced, [])
    last().send({ unread: 3, latest: { id: '6', read_at: null } })
    assert.deepEqual(announced, ['6'])
    // The count falls as one is read: nothing new.
    last().send({ unread: 2, latest: { id: '6', read_at: null } })
    assert.deepEqual(announced, ['6'])

    // A failure: closed, and opened again after the first wait.
    const failed = last()
    failed.fail()
    assert.equal(failed.closed, true)
    mock.timers.tick(BACKOFF_MS[0] - 1)
    assert.equal(last(), failed)
    mock.timers.tick(1)
    assert.notEqual(last(), failed)
    // After the reconnect the first answer names the same newest one: no second toast.
    last().send({ unread: 2, latest: { id: '6', read_at: null } })
    assert.deepEqual(announced, ['6'])

    // MAX_FAILURES failures in a row without an answer: the tab polls instead.
    const before = FakeEventSource.opened.length
    unreadAnswer = 4
    for (let i = 0; i < MAX_FAILURES; i++) {
      last().fail()
      if (i < MAX_FAILURES - 1) mock.timers.tick(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)])
    }
    assert.equal(FakeEventSource.opened.length, before + MAX_FAILURES - 1)
    assert.equal(notifications.mode, 'polling')
    await settle()
    assert.ok(fetched.some((u) => u.includes('/notifications/unread-count')), 'polled the count')
    assert.equal(notifications.unread, 4)
    // The count grew: the newest one is read and announced.
    assert.deepEqual(announced, ['6', '77'])
    const polls = fetched.filter((u) => u.includes('/unread-count')).length
    mock.timers.tick(POLL_MS)
    await settle()
    assert.equal(fetched.filter((u) => u.includes('/unread-count')).length, polls + 1, 'polled again after POLL_MS')

    // Sign-out: everything stops.
    auth.user = null
    await settle()
    assert.equal(notifications.mode, 'off')
    assert.equal(notifications.unread, 0)
    const opened = FakeEventSource.opened.length
    const polled = fetched.length
    mock.timers.tick(POLL_MS * 3)
    await settle()
    assert.equal(FakeEventSource.opened.length, opened)
    assert.equal(fetched.length, polled)

    // Signing in again opens a fresh feed.
    auth.user = { id: 2 }
    await settle()
    assert.equal(FakeEventSource.opened.length, opened + 1)
    assert.equal(notifications.mode, 'connecting')
    feed.stop()
  } finally {
    mock.timers.reset()
  }
})
