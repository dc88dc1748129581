// The signed-in user and what they may do. `auth.permissions` are the permission names that
// GET /auth/me returns (the server's role × permission matrix, src/domain/authz.cpp); the web
// shows and hides menus, routes and buttons by them alone and never lists roles itself.
// Browser state shared by every view; single-threaded like the page.
import { reactive } from 'vue'
import { setCsrfToken } from './api'
import * as authApi from './api/auth'

// `expired`: a session this tab held has ended (the server answered 401); the login page says so.
export const auth = reactive({ user: null, permissions: [], checked: false, expired: false })

// True when the user holds `perm`, or any of `perm` when it is a list (as the server's route
// table reads its entries).
export function can(perm) {
  if (!auth.user) return false
  const list = Array.isArray(perm) ? perm : [perm]
  return list.some((p) => auth.permissions.includes(p))
}

// A menu entry or route guard: `perm` (any of) and, optionally, `unless` — a permission whose
// holders have their own page instead (a resident's own matters, a party member's phone view).
export function allowed(rule) {
  if (!auth.user) return false
  if (!rule) return true
  if (rule.unless && can(rule.unless)) return false
  return rule.perm ? can(rule.perm) : true
}

function apply(me) {
  auth.user = me.user
  auth.permissions = me.permissions || []
  setCsrfToken(me.csrf_token)
}

export async function restore() {
  if (auth.checked) return auth.user
  // A CSRF token kept from an earlier page load means this tab was signed in.
  const hadSession = !!sessionStorage.getItem('mq_csrf')
  try {
    apply(await authApi.me())
  } catch {
    auth.user = null
    auth.permissions = []
    if (hadSession) expire()
  }
  auth.checked = true
  return auth.user
}

// The session ended under the user (expired, or ended elsewhere): forget it and remember why.
export function expire() {
  auth.user = null
  auth.permissions = []
  auth.expired = true
  setCsrfToken('')
}

// Where the login page sends a user whose session ended while on `fullPath`.
export function loginRoute(fullPath) {
  const query = { redirect: fullPath }
  if (auth.expired) query.reason = 'expired'
  return { name: 'login', query }
}

// Every way of signing in answers the same: the session's CSRF token, then the user, whose
// permissions come from /auth/me.
async function signedIn(answer) {
  const res = await answer
  setCsrfToken(res.csrf_token)
  apply(await authApi.me())
  auth.checked = true
  auth.expired = false
  return auth.user
}

export const login = (username, password) => signedIn(authApi.login(username, password))

// First sign-in with an activation letter's code: sets the password and signs in.
export const activate = (username, code, password) =>
  signedIn(authApi.activate(username, code, password))

// A resident's sign-in with the code texted to their registered phone.
export const phoneLogin = (phone, code) => signedIn(authApi.phoneLogin(phone, code))

// A resident signs up with their registered phone and a texted code, and is signed in.
export function signup(phone, code, displayName) {
  const body = { phone, code, client: 'web' }
  // Picks the resident when several of a household share the phone.
  if (displayName) body.display_name = displayName
  return signedIn(authApi.signup(body))
}

export async function logout() {
  try {
    await authApi.logout()
  } catch {
    /* the session may already be gone */
  }
  setCsrfToken('')
  auth.user = null
  auth.permissions = []
  auth.expired = false
}
