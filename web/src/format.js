// How every page shows times, dates and numbers. Times are China civil time (Asia/Shanghai,
// UTC+8, no daylight saving) whatever the browser's zone, as the server counts days and
// deadlines. Pure functions; no state.

const CHINA_OFFSET_MS = 8 * 3600 * 1000
const pad = (n) => String(n).padStart(2, '0')

// Epoch seconds (or milliseconds, or ISO text) → epoch milliseconds; null when empty or unreadable.
function toMillis(v) {
  if (v === null || v === undefined || v === '' || v === 0) return null
  const ms = typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : Date.parse(v)
  return isNaN(ms) ? null : ms
}

function chinaParts(ms) {
  const d = new Date(ms + CHINA_OFFSET_MS)
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    year: d.getUTCFullYear(),
  }
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/

// "YYYY-MM-DD HH:MM" in China time; '' for nothing, the text itself when it is not a time.
export function fmtTime(v) {
  if (typeof v === 'string' && BARE_DATE.test(v)) return v
  const ms = toMillis(v)
  if (ms === null) return v === null || v === undefined || v === 0 ? '' : String(v)
  const p = chinaParts(ms)
  return `${p.date} ${p.time}`
}

// "YYYY-MM-DD" in China time.
export function fmtDate(v) {
  if (typeof v === 'string' && BARE_DATE.test(v)) return v
  const ms = toMillis(v)
  if (ms === null) return v === null || v === undefined || v === 0 ? '' : String(v)
  return chinaParts(ms).date
}

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" read as China time → epoch seconds (undefined when
// empty or unreadable). Text with its own offset keeps it.
export function parseChinaTime(text) {
  if (!text) return undefined
  const s = String(text).trim().replace(' ', 'T')
  const ms = Date.parse(/[+-]\d\d:\d\d$|Z$/.test(s) ? s : `${s.length === 16 ? s + ':00' : s}+08:00`)
  return isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

// Today's date in China, or `days` later (earlier when negative).
export function todayChina(days = 0) {
  return chinaParts(Date.now() + days * 86400000).date
}

export function thisYearChina() {
  return chinaParts(Date.now()).year
}

export function fmtJson(v) {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2)
    } catch {
      return v
    }
  }
  return JSON.stringify(v, null, 2)
}

// Lists come as {items,total,...}; tolerate a bare array too.
export function items(res) {
  if (!res) return []
  if (Array.isArray(res)) return res
  return res.items || []
}

// Counts and percentages, written one way on every page: thousands separators ("12,345") and
// percentages with one decimal ("99.9%"). Percentages are rounded DOWN, so a share short of all
// never reads 100.0% (12,000 of 12,018 households covered is 99.8%, not 100.0%).
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

// "12,345"; '—' when there is no number.
export function fmtCount(n) {
  if (n === null || n === undefined || n === '' || isNaN(Number(n))) return '—'
  return countFormat.format(Number(n))
}

// part / whole as a percentage (a number, one decimal, rounded down); 0 when whole is 0.
export function percentDown(part, whole) {
  const w = Number(whole)
  if (!w || w < 0) return 0
  // Integer arithmetic for counts: exact, no 99.95 → 100.0.
  return Math.floor((Number(part || 0) * 1000) / w) / 10
}

// A 0..1 fraction as a percentage (a number, one decimal, rounded down); below 1 stays below 100.
export function sharePercent(share) {
  if (share === null || share === undefined || isNaN(Number(share))) return 0
  const s = Number(share)
  const p = Math.floor(s * 1000 + 1e-7) / 10
  return s < 1 ? Math.min(p, 99.9) : p
}

// "99.9%" from a percentage number; '—' when there is none.
export function fmtPercent(p) {
  if (p === null || p === undefined || p === '' || isNaN(Number(p))) return '—'
  return `${oneDecimal.format(Number(p))}%`
}
