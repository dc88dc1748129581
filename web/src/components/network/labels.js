// Codes of the network API (src/domain/network.cpp) and their labels ([zh, en]); tolerant readers
// for response fields whose exact names may vary.
import { lang } from '../../i18n'

export const VISIT_KINDS = {
  routine: ['日常走访', 'Routine'], five_must: ['五必到', 'Must-attend event'],
  notice: ['四到户送达', 'Notice delivery'], follow_up: ['回访跟进', 'Follow-up'],
}
export const NOTICE_KINDS = {
  policy: ['政策宣讲到户', 'Policy explained'], resolution: ['支部决议到户', 'Branch resolution'],
  welfare: ['公益动员到户', 'Public-welfare mobilisation'], opinion: ['意见征求到户', 'Opinions solicited'],
}
export const EVENT_KINDS = {
  wedding_funeral: ['红白大事', 'Wedding or funeral'], hospital: ['生病住院', 'Hospital stay'],
  urgent_work: ['急难险重', 'Urgent heavy work'], errand: ['有事要办', 'Errand to run'],
  mood_change: ['思想波动', 'Change of mood'],
}
// How the household confirmed a visit (confirmed_via); card_code confirmations predate V024 and
// are not counted as the household's confirmation.
export const CONFIRM_CHANNELS = {
  phone_code: ['户主手机验证码', 'SMS code to the head of household'],
  household_account: ['本户账号登录确认', "The household's own account"],
  card_code: ['联系卡确认码（旧方式，不算农户确认）', 'Card code (old way, not counted)'],
}
export const LINK_KINDS = {
  pinned: ['组织指定', 'Pinned'], chosen: ['个人选择', 'Chosen'], built: ['系统编排', 'Built'],
}
export const LINK_TAG = { pinned: 'danger', chosen: 'warning', built: 'info' }
export const UNCOVERED_REASONS = {
  no_members: ['本村没有党员', 'No party members in the village'],
  all_unable: ['党员均不能联户', 'No member is able to take households'],
  none_within_reach: ['步行范围内没有可联系的党员', 'No member within walking distance'],
  no_capacity_left: ['党员联系户数已满', 'Every member is at capacity'],
}

export function label(table, code, fallback) {
  const row = table[code]
  if (!row) return fallback || code || ''
  if (lang.value === 'en') return row[1]
  return fallback || row[0]
}
export const options = (table) => Object.keys(table).map((value) => ({ value, label: label(table, value) }))

export function pct(share) {
  if (share === null || share === undefined || isNaN(share)) return '—'
  const v = share <= 1 ? share * 100 : share
  return `${v.toFixed(1)}%`
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
  return Math.min(100, Math.round(((row.visited || 0) * 1000) / target) / 10)
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
