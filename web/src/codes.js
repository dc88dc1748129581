// Every code the API speaks (roles, region levels, matter types and statuses, network kinds...)
// with its labels [zh, en], in one place: views label a code with label(TABLE, code, fallback)
// and fill a select with options(TABLE). The server's own Chinese label (the *_label fields)
// wins in Chinese, so a label changed on the server shows without a web release.
// Constant tables and pure functions; the language comes from src/i18n.js.
import { lang } from './i18n'

export function label(table, code, fallback) {
  const row = table[code]
  if (!row) return fallback || code || ''
  if (lang.value === 'en') return row[1]
  return fallback || row[0]
}
export const options = (table) => Object.keys(table).map((value) => ({ value, label: label(table, value) }))

// Registry (src/domain/codes.cpp).
export const ROLES = {
  admin: ['系统管理员', 'Administrator'],
  leader: ['领导', 'Leader'],
  centre_staff: ['服务中心工作人员', 'Service centre staff'],
  unit_handler: ['单位经办人', 'Unit handler'],
  village_assistant: ['村级助理', 'Village assistant'],
  party_member: ['党员', 'Party member'],
  resident: ['群众', 'Resident'],
}
export const REGION_LEVELS = {
  county: ['县', 'County'], township: ['乡镇', 'Township'],
  village: ['村（社区）', 'Village'], group: ['组', 'Group'],
}
export const roles = Object.keys(ROLES)
export const levels = Object.keys(REGION_LEVELS)
export const roleLabel = (role, fallback) => label(ROLES, role, fallback)
export const levelLabel = (level, fallback) => label(REGION_LEVELS, level, fallback)

// Matters (诉求).
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

// The 1+10 network, the diary, notices and events (src/domain/network.cpp).
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
export const UNCOVERED_REASONS = {
  no_members: ['本村没有党员', 'No party members in the village'],
  all_unable: ['党员均不能联户', 'No member is able to take households'],
  none_within_reach: ['步行范围内没有可联系的党员', 'No member within walking distance'],
  no_capacity_left: ['党员联系户数已满', 'Every member is at capacity'],
}
