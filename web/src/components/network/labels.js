// Helpers of the network screens: tolerant readers for response fields whose exact names may vary.
// The code tables and their labels live in src/codes.js (re-exported here).
export { VISIT_KINDS, VISITOR_KINDS, NOTICE_KINDS, EVENT_KINDS, CONFIRM_CHANNELS, LINK_KINDS, UNCOVERED_REASONS, label, options } from '../../codes'
import { fmtPercent, percentDown, sharePercent } from '../../format'
export const LINK_TAG = { pinned: 'danger', chosen: 'warning', built: 'info' }

// A 0..1 share as "99.9%" (rounded down, see src/format.js).
export function pct(share) {
  if (share === null || share === undefined || isNaN(share)) return '—'
  return fmtPercent(sharePercent(share))
}

// A person may come as a name string or as {name, phone_masked, ...}.
export function personName(p) {
  if (!p) return ''
  if (typeof p === 'string') return p
  return p.name || p.display_name || (p.member && p.member.name) || ''
}
export function personPhone(p) {
  if (!p || typeof p === 'string') return ''
  return p.phone || p.phone_masked || ''
}

// A household summary: {id, head_name, address, number, ...} or {household:{...}}.
export function hh(h) {
  if (!h) return {}
  return h.household ? { ...h, ...h.household } : h
}
// A household as listed under a member: a household summary, or a link row
// {id (link), household_id, household_number, household_address, head_name, kind}.
export function linkHousehold(x) {
  const h = hh(x)
  const isLink = h.household_id !== undefined && h.household_id !== null
  return {
    ...h,
    id: isLink ? h.household_id : h.id,
    link_id: h.link_id ?? (isLink ? h.id : undefined),
    number: h.number ?? h.household_number,
    address: h.address ?? h.household_address,
    link_kind: h.link_kind ?? h.kind,
  }
}
export function hhName(h) {
  const x = hh(h)
  return x.head_name || x.name || (x.number ? `#${x.number}` : `#${x.id}`)
}

// Visit-target households of a quota row (small: 100%, large: quota_percent).
export function quotaTarget(row) {
  const p = row.quota_percent ?? (row.small ? 100 : 80)
  return Math.ceil(((row.households || 0) * p) / 100)
}
export function quotaProgress(row) {
  const target = quotaTarget(row)
  if (!target) return 100
  return Math.min(100, percentDown(row.visited || 0, target))
}

export function download(url) {
  const a = document.createElement('a')
  a.href = url
  a.rel = 'noopener'
  a.target = '_blank'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
