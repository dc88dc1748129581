// useNotifications across tabs: while another tab holds the feed (the Web Lock), this tab opens no
// EventSource and shows what that tab passes on over the BroadcastChannel; when that tab goes, this
// one takes the lock, opens the feed and passes its answers on; signing out gives the lock back.
// (Each test file runs in a process of its own, so the module here is a fresh instance.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { nextTick } from 'vue'

globalThis.sessionStorage ??= { getItem: () => null, setItem() {}, removeItem() {} }

class FakeEventSource {
  static opened = []
  constructor(url) {
    this.url = url
    this.closed = false
    this.listeners = {}
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
}
globalThis.EventSource = FakeEventSource

// navigator.locks for one lock name, first come first served, with abort while waiting.
const locks = {
  held: false,
  queue: [],
  request(name, options, callback) {
    return new Promise((resolve, reject) => {
      const run = async () => {
        locks.held = true
        try {
          resolve(await callback())
        } catch (e) {
          reject(e)
        } finally {
          locks.held = false
          const next = locks.queue.shift()
          if (next) next()
        }
      }
      options.signal?.addEventListener('abort', () => {
        const i = locks.queue.indexOf(run)
        if (i >= 0) {
          locks.queue.splice(i, 1)
          reject(new Error('AbortError'))
        }
      })
      if (locks.held) locks.queue.push(run)
      else run()
    })
  },
}
Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true })

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const { auth } = await import('../src/auth.js')
const { useNotifications, notifications, stop, CHANNEL, FEED_LOCK } = await import('../src/composables/useNotifications.js')

test('a tab follows the tab that holds the feed, and takes the feed over when that tab goes', async () => {
  // Another tab holds the feed.
  let releaseOther
  locks.request(FEED_LOCK, {}, () => new Promise((resolve) => { releaseOther = resolve }))
  const other = new BroadcastChannel(CHANNEL)
  const heard = []
  other.onmessage = (e) => heard.push(e.data)

  auth.user = { id: 7 }
  const announced = []
  useNotifications({ onNew: (n) => announced.push(n.id) })
  await settle()
  assert.equal(FakeEventSource.opened.length, 0, 'a follower opens no feed of its own')
  assert.ok(heard.some((m) => m.type === 'hello' && m.user === 7), 'the follower asks the holder for the state')

  // The holder passes on the count; a message for another user is ignored.
  other.postMessage({ type: 'state', user: 7, mode: 'live', data: { unread: 3, latest: { id: 10, read_at: null } } })
  other.postMessage({ type: 'state', user: 8, mode: 'live', data: { unread: 99, latest: null } })
  await settle()
  assert.equal(notifications.unread, 3)
  assert.equal(notifications.mode, 'live')
  other.postMessage({ type: 'state', user: 7, mode: 'live', data: { unread: 4, latest: { id: 11, read_at: null } } })
  await settle()
  assert.deepEqual(announced, [11])

  // The holder closes: this tab takes the lock and opens the feed; its answers are passed on.
  releaseOther()
  await settle()
  assert.equal(FakeEventSource.opened.length, 1)
  heard.length = 0
  FakeEventSource.opened[0].send({ unread: 5, latest: { id: 12, read_at: null } })
  await settle()
  assert.equal(notifications.unread, 5)
  assert.deepEqual(announced, [11, 12])
  assert.ok(heard.some((m) => m.type === 'state' && m.user === 7 && m.data.unread === 5), 'the new holder passes its answers on')

  // Signing out closes the feed and gives the lock back.
  auth.user = null
  await settle()
  assert.equal(FakeEventSource.opened[0].closed, true)
  assert.equal(notifications.mode, 'off')
  assert.equal(locks.held, false)
  other.close()
  stop()
})
