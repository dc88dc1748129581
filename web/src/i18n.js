import { ref } from 'vue'
import common from './i18n/common'
import registry from './i18n/registry'
import network from './i18n/network'
import matters from './i18n/matters'
import security from './i18n/security'
import system from './i18n/system'
import editing from './i18n/editing'
import party from './i18n/party'
import accounts from './i18n/accounts'
import messages from './i18n/messages'
import postings from './i18n/postings'
import votes from './i18n/votes'
import ratings from './i18n/ratings'
import serviceinfo from './i18n/serviceinfo'
import board from './i18n/board'
import surveys from './i18n/surveys'
import projects from './i18n/projects'
import scorecards from './i18n/scorecards'
import reports from './i18n/reports'
import meetings from './i18n/meetings'
import pairing from './i18n/pairing'
import away from './i18n/away'
import volunteers from './i18n/volunteers'
import providers from './i18n/providers'
import requests from './i18n/requests'
import joint from './i18n/joint'
import tagmap from './i18n/tagmap'
import open311 from './i18n/open311'
export const NAMESPACES = { common, registry, matters, network, security, system, editing, party, accounts, messages, postings, votes, ratings, serviceinfo, board, surveys, scorecards, projects, meetings, pairing, away, volunteers, providers, requests, joint, reports, tagmap, open311 }

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
const dict = {}
for (const [ns, table] of Object.entries(NAMESPACES)) {
  for (const [key, row] of Object.entries(table)) dict[`${ns}.${key}`] = row
}

export function t(key) {
  const row = dict[key]
  if (!row) return key
  return lang.value === 'en' ? row[1] : row[0]
}
