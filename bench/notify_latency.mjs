// The time from a dispatch to the handler's notification arriving on an open event stream
// (GET /api/v1/notifications/stream, what the browser's bell listens to), against the dispatch
// request's own round trip measured in the same run. For bench/messages_bench.sh.
// Usage: node bench/notify_latency.mjs BASE_URL [samples=40]
// Prints: notify_latency p50_ms=… p95_ms=… dispatch_rtt_p95_ms=… ratio=… (p95 / dispatch p95)
const base = process.argv[2]
const samples = Number(process.argv[3] || 40)

async function login(username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo123456' }),
  })
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`)
  return (await r.json()).token
}
async function call(token, method, path, body) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = await r.json().catch(() => ({}))
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
  return json
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

const clerk = await login('clerk')
const handler = await login('handler')
const me = await call(handler, 'GET', '/auth/me')
const unit = me.user.scope_unit_id
const household = (await call(clerk, 'GET', '/households?page_size=1')).items[0].id
const category = (await call(clerk, 'GET', '/categories')).items[0].id

// The handler's stream: every "unread" event's count, with when it arrived.
const events = []
let waiter = null
const stream = await fetch(`${base}/api/v1/notifications/stream`, {
  headers: { Authorization: `Bearer ${handler}`, Accept: 'text/event-stream' },
})
if (stream.status !== 200) throw new Error(`stream: ${stream.status}`)
;(async () => {
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of stream.body) {
    text += decoder.decode(chunk, { stream: true })
    let end
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end)
      text = text.slice(end + 2)
      const data = block.split('\n').find((l) => l.startsWith('data: '))
      if (block.includes('event: unread') && data) {
        events.push({ at: performance.now(), unread: JSON.parse(data.slice(6)).unread })
        if (waiter) waiter()
      }
    }
  }
})()
const nextEvent = (after) => new Promise((resolve, reject) => {
  const check = () => {
    const e = events.find((x) => x.at > after && x.unread > 0)
    if (e) { waiter = null; resolve(e) }
  }
  waiter = check
  check()
  setTimeout(() => reject(new Error('no event within 10 s')), 10000)
})
while (events.length === 0) await new Promise((r) => setTimeout(r, 20))

const latencies = []
const rtts = []
for (let i = 0; i < samples; i++) {
  await call(handler, 'POST', '/notifications/read-all')
  await new Promise((r) => setTimeout(r, 300 + Math.random() * 200))  // The stream settles.
  const m = await call(clerk, 'POST', '/matters', {
    type: 'help', category_id: category, household_id: household, channel: 'window',
    content: `通知延迟测试 ${i} 村口路灯坏了`,
  })
  const t0 = performance.now()
  const heard = nextEvent(t0)
  await call(clerk, 'POST', `/matters/${m.matter.id}/dispatch`, { unit_id: unit })
  rtts.push(performance.now() - t0)
  latencies.push((await heard).at - t0)
}
const p95 = pct(latencies, 95)
const rtt95 = pct(rtts, 95)
console.log(`notify_latency samples=${samples} p50_ms=${pct(latencies, 50).toFixed(0)} ` +
  `p95_ms=${p95.toFixed(0)} max_ms=${Math.max(...latencies).toFixed(0)} ` +
  `dispatch_rtt_p95_ms=${rtt95.toFixed(1)} ratio=${(p95 / rtt95).toFixed(1)} (target p95 < 1000 ms)`)
process.exit(0)
