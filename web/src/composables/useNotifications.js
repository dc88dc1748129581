// The signed-in user's unread notifications, live, shared by every component that calls
// useNotifications(): one EventSource on the server's feed (event "unread": {unread, latest}).
//
// One feed per browser, not per tab, where the browser can share it (Web Locks and
// BroadcastChannel): the tab holding the lock FEED_LOCK keeps the feed and passes every answer to
// the other tabs of the site on CHANNEL; when it closes, another tab takes the lock and the feed
// over. Over HTTP/1.1 a browser opens at most six connections to a site, and a feed per tab would
// take them all with six tabs open. Elsewhere each tab keeps its own feed.
//
// The feed is opened while someone is signed in and closed when they sign out or the session ends
// (auth.user becomes null). A feed that fails is opened again after a growing wait (BACKOFF_MS);
// after MAX_FAILURES failures in a row the tab polls the unread count every POLL_MS instead, and
// tries the feed again after RETRY_STREAM_MS. A notification newer than the last one seen while
// the page is open is handed to the onNew listeners (the bell shows it as a toast) in the tab the
// user is looking at.
// State: module-level, single-threaded like the page.
import { getCurrentInstance, onBeforeUnmount, reactive, watch } from 'vue'
import { auth } from '../auth'
import * as notificationsApi from '../api/notifications'

export const BACKOFF_MS = [1000, 2000, 5000, 10000, 30000]
export const MAX_FAILURES = 5
export const POLL_MS = 30000
export const RETRY_STREAM_MS = 300000
export const FEED_LOCK = 'mq-notifications-feed'
export const CHANNEL = 'mq-notifications'

// unread: the count the badge shows; latest: the newest notification the server named;
// mode: 'off' (signed out), 'connecting', 'live' (the feed answers) or 'polling'.
export const notifications = reactive({ unread: 0, latest: null, mode: 'off' })

const listeners = new Set()
let source = null
let retryTimer = null
let pollTimer = null
let streamAgainTimer = null
let failures = 0
// The newest notification id this tab has seen ('' when there was none): only a newer one is
// announced, so the answer at connect time and a reconnect do not toast old news.
let seenId = null
let userId = null
// Sharing between tabs: the channel, whether this tab holds the feed, and how to give it up.
let channel = null
let leading = false
let releaseLock = null
let lockAbort = null
let lastState = null

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

function announce(latest) {
  if (!latest || latest.id === undefined || latest.id === null) return
  const id = String(latest.id)
  const fresh = seenId !== null && id !== seenId && !latest.read_at
  seenId = id
  if (!fresh || !visible()) return
  for (const fn of listeners) {
    try {
      fn(latest)
    } catch {
      // A listener's failure must not stop the feed.
    }
  }
}

function apply(data) {
  if (!data || typeof data !== 'object') return
  if (typeof data.unread === 'number') notifications.unread = data.unread
  if ('latest' in data) {
    notifications.latest = data.latest || null
    announce(data.latest)
    if (!data.latest && seenId === null) seenId = ''
  }
}

// What the feed (or a poll) told this tab: applied here and, from the tab holding the feed,
// passed on to the others.
function received(data) {
  apply(data)
  lastState = data
  publish()
}
function publish() {
  if (!channel || !leading || !lastState) return
  try {
    channel.postMessage({ type: 'state', user: userId, mode: notifications.mode, data: lastState })
  } catch {
    // The channel is closed (signing out).
  }
}
function setMode(mode) {
  if (notifications.mode === mode) return
  notifications.mode = mode
  publish()
}

function clearTimers() {
  clearTimeout(retryTimer)
  clearInterval(pollTimer)
  clearTimeout(streamAgainTimer)
  retryTimer = null
  pollTimer = null
  streamAgainTimer = null
}

function closeSource() {
  if (!source) return
  source.onerror = null
  try {
    source.close()
  } catch {
    // Already closed.
  }
  source = null
}

function connect() {
  closeSource()
  if (!auth.user) return
  let es = null
  try {
    es = notificationsApi.openStream()
  } catch {
    es = null
  }
  if (!es) {
    startPolling()
    return
  }
  source = es
  setMode('connecting')
  es.addEventListener('unread', (e) => {
    if (source !== es) return
    // The server answered: the feed works, whatever failed before.
    failures = 0
    let data = null
    try {
      data = JSON.parse(e.data)
    } catch {
      // A malformed event: keep the last count.
    }
    setMode('live')
    if (data) received(data)
  })
  // The browser would reconnect by itself at its own pace, and not at all after an HTTP error
  // (401, 503): close, and open again on our own schedule.
  es.onerror = () => {
    if (source !== es) return
    closeSource()
    failures += 1
    // An EventSource does not say why it failed: ask for the count. A session that has ended
    // stops the feed quietly; the user's next request finds it ended and goes to the login page
    // (a background check must not take them away from a half-filled form).
    notificationsApi.unreadCount({ quiet401: true }).then((res) => {
      if (auth.user && res && typeof res.unread === 'number' && !source) received({ unread: res.unread })
    }, (e) => {
      if (e && e.status === 401) sessionEnded()
    })
    if (failures >= MAX_FAILURES) {
      startPolling()
      return
    }
    setMode('connecting')
    retryTimer = setTimeout(connect, BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)])
  }
}

async function poll() {
  if (!auth.user) return
  try {
    const before = notifications.unread
    const res = await notificationsApi.unreadCount({ quiet401: true })
    if (!auth.user || notifications.mode !== 'polling') return
    const unread = Number((res && res.unread) || 0)
    // The count alone names no notification: read the newest one when the count grew (or on the
    // first poll, to learn what has been seen).
    if (unread > before || seenId === null) {
      const page = await notificationsApi.list({ page: 1, page_size: 1 }, { quiet401: true })
      if (!auth.user || notifications.mode !== 'polling') return
      received({ unread, latest: ((page && page.items) || [])[0] || null })
    } else {
      received({ unread })
    }
  } catch (e) {
    // The next poll tries again, unless the session has ended.
    if (e && e.status === 401) sessionEnded()
  }
}

// The server no longer knows this session: no more feed or polling in this tab until the user
// signs in again (start() runs then).
function sessionEnded() {
  closeSource()
  clearTimers()
  setMode('off')
}

function startPolling() {
  closeSource()
  clearTimers()
  setMode('polling')
  poll()
  pollTimer = setInterval(poll, POLL_MS)
  // The feed may work again later (a proxy restarted): one more try, and back to polling if it fails.
  streamAgainTimer = setTimeout(() => {
    clearInterval(pollTimer)
    pollTimer = null
    failures = MAX_FAILURES - 1
    connect()
  }, RETRY_STREAM_MS)
}

function canShare() {
  return typeof navigator !== 'undefined' && !!navigator.locks && typeof BroadcastChannel !== 'undefined'
}

// Joins the other tabs: listens to the feed they pass on, and waits for the lock to keep the
// feed itself (at once when no other tab holds it).
function share() {
  channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (e) => {
    const msg = (e && e.data) || {}
    if (msg.user !== userId) return
    if (msg.type === 'state' && !leading) {
      notifications.mode = msg.mode || 'live'
      apply(msg.data)
    } else if (msg.type === 'hello' && leading) {
      publish()
    }
  }
  notifications.mode = 'connecting'
  const abort = new AbortController()
  lockAbort = abort
  navigator.locks
    .request(FEED_LOCK, { signal: abort.signal }, () => {
      if (abort.signal.aborted) return undefined
      leading = true
      connect()
      // Held until this tab signs out or closes.
      return new Promise((resolve) => {
        releaseLock = resolve
      })
    })
    .catch(() => {
      // Given up while waiting (signed out).
    })
  // The tab holding the feed says what it knows.
  channel.postMessage({ type: 'hello', user: userId })
}

function start() {
  stop()
  userId = auth.user ? auth.user.id : null
  if (canShare()) share()
  else connect()
}

// Closes the feed (and gives it to another tab), and forgets the count (sign-out).
export function stop() {
  closeSource()
  clearTimers()
  if (releaseLock) releaseLock()
  if (lockAbort) lockAbort.abort()
  if (channel) channel.close()
  releaseLock = null
  lockAbort = null
  channel = null
  leading = false
  lastState = null
  failures = 0
  seenId = null
  userId = null
  notifications.unread = 0
  notifications.latest = null
  notifications.mode = 'off'
}

let watching = false
function ensureWatching() {
  if (watching) return
  watching = true
  // Sign-in, sign-out and an expired session all pass through auth.user.
  watch(
    () => (auth.user ? auth.user.id : null),
    (id) => {
      if (id === null || id === undefined) stop()
      else if (id !== userId || notifications.mode === 'off') start()
    },
    { immediate: true },
  )
}

// The shared state and what a view does with it. onNew(notification) is called for each new
// notification while the calling component lives (pass it from a component's setup).
export function useNotifications({ onNew } = {}) {
  ensureWatching()
  if (onNew) listeners.add(onNew)
  const unsubscribe = () => listeners.delete(onNew)
  if (onNew && getCurrentInstance()) onBeforeUnmount(unsubscribe)

  // Marks one read here at once (the feed confirms it a moment later).
  async function markRead(item) {
    if (!item || item.read_at) return
    await notificationsApi.markRead(item.id)
    item.read_at = Math.floor(Date.now() / 1000)
    notifications.unread = Math.max(0, notifications.unread - 1)
  }
  async function markAllRead() {
    const res = await notificationsApi.markAllRead()
    notifications.unread = 0
    return res
  }

  return { notifications, markRead, markAllRead, unsubscribe }
}
