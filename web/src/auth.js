import { reactive } from 'vue'
import { api, request, setCsrfToken } from './api'

export const auth = reactive({ user: null, checked: false })

export const ROLE_SETS = {
  registry: ['admin', 'leader', 'centre_staff', 'village_assistant', 'party_member', 'resident'],
  registryWrite: ['admin', 'centre_staff', 'village_assistant'],
  regions: ['admin', 'leader', 'centre_staff', 'village_assistant'],
  regionsWrite: ['admin'],
  party: ['admin', 'leader', 'centre_staff', 'village_assistant', 'party_member'],
  units: ['admin', 'leader', 'centre_staff', 'unit_handler'],
  unitsWrite: ['admin'],
  users: ['admin'],
  roster: ['admin'],
  audit: ['admin', 'leader'],
  // 1+10 network, diary (民情日记), 四到户 notices, 五必到 events, the member's phone view.
  network: ['admin', 'leader', 'centre_staff', 'village_assistant'],
  networkWrite: ['admin', 'village_assistant'],
  diary: ['admin', 'leader', 'centre_staff', 'village_assistant'],
  diaryReview: ['admin', 'leader'],
  notices: ['admin', 'leader', 'centre_staff', 'village_assistant'],
  events: ['admin', 'leader', 'centre_staff', 'village_assistant', 'party_member'],
  mobile: ['party_member'],
  // Matters (诉求): window desk, inbox, list, supervision, callbacks, dashboard, settings.
  mattersWindow: ['admin', 'centre_staff', 'village_assistant', 'party_member'],
  mattersInbox: ['admin', 'centre_staff', 'unit_handler'],
  matters: ['admin', 'leader', 'centre_staff', 'unit_handler', 'village_assistant', 'party_member'],
  mattersExport: ['admin', 'leader', 'centre_staff', 'unit_handler', 'village_assistant'],
  mattersSupervision: ['admin', 'leader', 'centre_staff'],
  mattersCallbacks: ['admin', 'leader', 'centre_staff'],
  mattersDashboard: ['admin', 'leader'],
  mattersSettings: ['admin'],
  mattersAppointments: ['admin', 'centre_staff', 'village_assistant'],
  mattersErrands: ['admin', 'centre_staff', 'village_assistant'],
  mattersMine: ['resident'],
}

export function can(set) {
  return !!auth.user && (ROLE_SETS[set] || []).includes(auth.user.role)
}

export async function restore() {
  if (auth.checked) return auth.user
  try {
    const me = await request('GET', '/auth/me', { quiet401: true })
    auth.user = me.user
    setCsrfToken(me.csrf_token)
  } catch {
    auth.user = null
  }
  auth.checked = true
  return auth.user
}

export async function login(username, password) {
  const res = await request('POST', '/auth/login', {
    body: { username, password, client: 'web' },
    quiet401: true,
  })
  setCsrfToken(res.csrf_token)
  auth.user = res.user
  auth.checked = true
  return res.user
}

export async function logout() {
  try {
    await api.post('/auth/logout')
  } catch {
    /* the session may already be gone */
  }
  setCsrfToken('')
  auth.user = null
}
