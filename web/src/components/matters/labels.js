// Helpers of the matters screens. The code tables and their labels live in src/codes.js (re-exported
// here); times are formatted by src/format.js.
export { TYPES, CHANNELS, URGENCY, STATUSES, ERRAND_STATUSES, OPEN_STATUSES, APPOINTMENT_STATUSES, LEVELS, escalationLabel, label, options, has } from '../../codes'
import { publicLink } from '../../publicBase'

const STATUS_TAG = { accepted: 'info', dispatched: 'warning', in_progress: 'primary', replied: 'success', closed: 'success', merged: 'info', parked: 'danger' }
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
// The resident's page for the receipt's QR code: <public base>/p/<number>?t=<token>. The server's
// receipt.public_path is used only when it already points at that page.
export function publicUrl(receipt, matter) {
  if (!receipt) return ''
  const number = receipt.number || (matter && matter.number)
  let path = ''
  if (receipt.public_path && receipt.public_path.startsWith('/p/')) path = receipt.public_path
  else if (number && receipt.token) path = `/p/${encodeURIComponent(number)}?t=${encodeURIComponent(receipt.token)}`
  return path ? publicLink(path) : ''
}
