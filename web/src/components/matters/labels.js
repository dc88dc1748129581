// Codes of the matters API and their labels ([zh, en]); times are formatted by src/format.js.
import { lang } from '../../i18n'

export const TYPES = {
  consultation: ['咨询', 'Consultation'], help: ['求助', 'Help'], complaint: ['投诉', 'Complaint'],
  report: ['举报', 'Report'], suggestion: ['建议', 'Suggestion'],
}
export const CHANNELS = {
  window: ['窗口受理', 'Window'], hotline: ['热线电话', 'Hotline'], station: ['村级服务站代办', 'Village station'],
  home_visit: ['入户走访', 'Home visit'], meeting: ['院坝会/接待日', 'Meeting'], online: ['网上', 'Online'],
  qr_code: ['联系卡二维码', 'Contact-card QR'],
}
export const URGENCY = { normal: ['一般', 'Normal'], urgent: ['急事急办', 'Urgent'], special: ['特事特办', 'Special'] }
export const STATUSES = {
  accepted: ['已受理', 'Accepted'], dispatched: ['已派单', 'Dispatched'], in_progress: ['办理中', 'In progress'],
  replied: ['已答复待确认', 'Replied'], closed: ['已办结', 'Closed'], merged: ['已合并', 'Merged'],
}
export const ERRAND_STATUSES = {
  received: ['助理已收件', 'Received'], at_township: ['已送乡镇办理', 'At township'],
  done: ['已办好', 'Done'], returned: ['材料已交还', 'Returned'],
}
// The statuses of a matter that is still open (not closed or merged).
export const OPEN_STATUSES = ['accepted', 'dispatched', 'in_progress', 'replied']
export const APPOINTMENT_STATUSES = { booked: ['已预约', 'Booked'], done: ['已办理', 'Served'], cancelled: ['已取消', 'Cancelled'] }
export const LEVELS = { 0: ['村/社区', 'Village'], 1: ['乡镇/街道', 'Township'], 2: ['县/区', 'County'] }

export function label(table, code, fallback) {
  const row = table[code]
  if (!row) return fallback || code || ''
  if (lang.value === 'en') return row[1]
  return fallback || row[0]
}
export const options = (table) => Object.keys(table).map((value) => ({ value, label: label(table, value) }))

const STATUS_TAG = { accepted: 'info', dispatched: 'warning', in_progress: 'primary', replied: 'success', closed: 'success', merged: 'info' }
export const statusTag = (s) => STATUS_TAG[s] || 'info'

export function pct(v) {
  if (v === null || v === undefined) return '—'
  return `${(v * 100).toFixed(1)}%`
}
// Flat category list → tree for el-tree / el-tree-select.
export function categoryTree(list) {
  const byId = new Map()
  for (const c of list) byId.set(c.id, { ...c, value: c.id, label: c.name, children: [] })
  const roots = []
  for (const c of byId.values()) {
    const parent = c.parent_id != null && byId.get(c.parent_id)
    if (parent) parent.children.push(c)
    else roots.push(c)
  }
  for (const c of byId.values()) if (!c.children.length) delete c.children
  return roots
}
// The resident's page for the receipt's QR code: /p/<number>?t=<token>. The server's
// receipt.public_path is used only when it already points at that page.
export function publicUrl(receipt, matter) {
  if (!receipt) return ''
  const number = receipt.number || (matter && matter.number)
  let path = ''
  if (receipt.public_path && receipt.public_path.startsWith('/p/')) path = receipt.public_path
  else if (number && receipt.token) path = `/p/${encodeURIComponent(number)}?t=${encodeURIComponent(receipt.token)}`
  return path ? `${window.location.origin}${path}` : ''
}
