import { ref } from 'vue'
import common from './i18n/common'
import registry from './i18n/registry'
import network from './i18n/network'
import matters from './i18n/matters'
import security from './i18n/security'

// A deliberately tiny dictionary: Chinese is the primary language, English the switch.
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('mq_lang') : null
export const lang = ref(saved === 'en' ? 'en' : 'zh')

export function setLang(l) {
  lang.value = l === 'en' ? 'en' : 'zh'
  localStorage.setItem('mq_lang', lang.value)
  document.documentElement.lang = lang.value === 'en' ? 'en' : 'zh-CN'
}

// Every key is <namespace>.<key>; a namespace is one file of src/i18n/. web/test/i18n.test.mjs
// fails on a key defined twice and on a key a view uses that is missing in zh or en.
export const NAMESPACES = { common, registry, matters, network, security }
const dict = {}
for (const [ns, table] of Object.entries(NAMESPACES)) {
  for (const [key, row] of Object.entries(table)) dict[`${ns}.${key}`] = row
}

export function t(key) {
  const row = dict[key]
  if (!row) return key
  return lang.value === 'en' ? row[1] : row[0]
}

const roleLabels = {
  admin: ['系统管理员', 'Administrator'],
  leader: ['领导', 'Leader'],
  centre_staff: ['服务中心工作人员', 'Service centre staff'],
  unit_handler: ['单位经办人', 'Unit handler'],
  village_assistant: ['村级助理', 'Village assistant'],
  party_member: ['党员', 'Party member'],
  resident: ['群众', 'Resident'],
}
export const roles = Object.keys(roleLabels)
export function roleLabel(role, fallback) {
  const row = roleLabels[role]
  if (!row) return fallback || role
  if (lang.value === 'zh' && fallback) return fallback
  return lang.value === 'en' ? row[1] : row[0]
}

const levelLabels = {
  county: ['县', 'County'], township: ['乡镇', 'Township'],
  village: ['村（社区）', 'Village'], group: ['组', 'Group'],
}
export const levels = Object.keys(levelLabels)
export function levelLabel(level, fallback) {
  const row = levelLabels[level]
  if (!row) return fallback || level
  return lang.value === 'en' ? row[1] : (fallback || row[0])
}
