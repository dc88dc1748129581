// Every code the API speaks (roles, region levels, matter types and statuses, network kinds...)
// labelled from the one source, the domain's tables the server serves at GET /api/v1/codes
// (src/domain/code_tables.hpp). main.js calls loadCodes() once before the first view renders;
// views name a table by its kind (ROLES = 'role', STATUSES = 'matter_status', ...), label a code
// with label(KIND, code, fallback) and fill a select with options(KIND). In Chinese the server's
// own *_label field (the fallback) wins; when the tables could not be loaded a code shows as its
// fallback or as itself.
// State: one reactive map of the served tables, filled once; the language comes from src/i18n.js.
import { reactive } from 'vue'
import { lang } from './i18n'
import * as systemApi from './api/system'

// kind → [{code, label, label_en}] in display order.
const tables = reactive({})

// Fetches the tables; a failure leaves them empty (codes then show as themselves).
export async function loadCodes() {
  try {
    const data = await systemApi.codes()
    for (const [kind, rows] of Object.entries((data && data.kinds) || {})) tables[kind] = rows
  } catch {
    // The server is unreachable or old: nothing to label with.
  }
  await loadRegionLevels()
}

// The deployment's own region levels (GET /api/v1/region-levels: 县/乡镇/村/组, or
// 市/区/街道/社区/网格) replace the served region_level table, so every screen that labels a
// level, and levelName() in headings, says what this deployment calls it.
export async function loadRegionLevels() {
  try {
    const data = await systemApi.regionLevels()
    const rows = ((data && data.levels) || []).map((l) => ({ code: l.level, label: l.name, label_en: l.name_en }))
    if (rows.length) tables[REGION_LEVELS] = rows
  } catch {
    // An old server: the default labels stay.
  }
}

function find(kind, code) {
  if (code === undefined || code === null) return undefined
  const key = String(code)
  return (tables[kind] || []).find((row) => row.code === key)
}

export function label(kind, code, fallback) {
  const row = find(kind, code)
  if (!row) return fallback || (code === undefined || code === null ? '' : String(code))
  if (lang.value === 'en') return row.label_en
  return fallback || row.label
}
export const options = (kind) => codes(kind).map((value) => ({ value, label: label(kind, value) }))
// The codes of a table in display order, and whether a code is one of them.
export const codes = (kind) => (tables[kind] || []).map((row) => row.code)
export const has = (kind, code) => find(kind, code) !== undefined

// Registry.
export const ROLES = 'role'
export const REGION_LEVELS = 'region_level'
export const roles = () => codes(ROLES)
export const levels = () => codes(REGION_LEVELS)
export const roleLabel = (role, fallback) => label(ROLES, role, fallback)
export const levelLabel = (level, fallback) => label(REGION_LEVELS, level, fallback)
// The configured name of a level in the current language, for headings ("各街道三率").
export const levelName = (level) => label(REGION_LEVELS, level)
// A text with {county}, {township}, {village}, {group} or {city} in it, each replaced by the
// configured name of that level ("各{township}三率" → "各街道三率").
export const withLevels = (text) => String(text).replace(/\{(city|county|township|village|group)\}/g, (_, level) => levelName(level))
// The levels as configured, top first: [{code, label, label_en}].
export const levelRows = () => tables[REGION_LEVELS] || []

// Matters (诉求).
export const TYPES = 'matter_type'
export const CHANNELS = 'matter_channel'
export const URGENCY = 'urgency'
export const STATUSES = 'matter_status'
export const ERRAND_STATUSES = 'errand_status'
export const APPOINTMENT_STATUSES = 'appointment_status'
// A matter's escalation level: 0 village, 1 township, 2 county.
export const LEVELS = 'escalation_level'
// The tier a matter is escalated to (0, 1, 2) is the village's, township's or county's: named as
// this deployment names those levels (乡镇, or 街道 under a city district), the served label
// otherwise.
const ESCALATION_REGION_LEVELS = ['village', 'township', 'county']
export function escalationLabel(level, fallback) {
  const region = ESCALATION_REGION_LEVELS[Number(level)]
  return region && has(REGION_LEVELS, region) ? levelName(region) : label(LEVELS, level, fallback)
}
// The proof a matter's sign-off carries (confirmed_via).
export const SIGN_OFF_PROOFS = 'sign_off_proof'
// The statuses of a matter that is still open (not closed or merged): a filter, not labels.
export const OPEN_STATUSES = ['accepted', 'dispatched', 'in_progress', 'replied']

// The 1+10 network, the diary, notices and events.
export const VISIT_KINDS = 'visit_kind'
// Who made a visit (visitor_kind): party member, village assistant, cadre.
export const VISITOR_KINDS = 'visitor_kind'
export const NOTICE_KINDS = 'notice_kind'
export const EVENT_KINDS = 'household_event_kind'
// How the household confirmed a visit (confirmed_via).
export const CONFIRM_CHANNELS = 'confirm_channel'
export const LINK_KINDS = 'link_kind'
export const UNCOVERED_REASONS = 'uncovered_reason'
