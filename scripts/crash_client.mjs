// Posts matters concurrently to a running minqing and appends the number of every matter whose
// creation was acknowledged (HTTP 201) to a file, synchronously, before counting it. Stops after
// `seconds` or when the server disappears. Usage:
//   node crash_client.mjs BASE_URL TOKEN REGION_ID ACK_FILE CONCURRENCY SECONDS
import { appendFileSync } from 'node:fs'

const [base, token, regionId, ackFile, concurrencyText, secondsText] = process.argv.slice(2)
const concurrency = Number(concurrencyText || 8)
const deadline = Date.now() + Number(secondsText || 10) * 1000
let acknowledged = 0
let failures = 0

async function worker(id) {
  let i = 0
  let unreachable = 0
  while (Date.now() < deadline && unreachable < 5) {
    i += 1
    try {
      const res = await fetch(`${base}/api/v1/matters`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          type: 'help', channel: 'hotline', urgency: 'normal', region_id: Number(regionId),
          caller_name: `压测${id}`, caller_phone: '13800000000',
          content: `崩溃测试诉求 ${id}-${i}：路灯不亮，请尽快处理`,
        }),
      })
      unreachable = 0
      if (res.status === 201) {
        const body = await res.json()
        appendFileSync(ackFile, body.matter.number + '\n')
        acknowledged += 1
      } else {
        failures += 1
        await res.text()
      }
    } catch {
      // The server is gone (killed): stop after a few refused connections.
      unreachable += 1
      failures += 1
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k)))
console.log(`acknowledged=${acknowledged} failed=${failures}`)
