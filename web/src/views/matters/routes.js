// Routes and menu entries of the matters (诉求) screens; spread into src/router.js and
// src/components/Layout.vue. Views are loaded lazily to keep the main bundle small.
import { can } from '../../auth'
import { publicAppRoute } from '../../public/route'

export const mattersChildren = [
  { path: 'window', name: 'window', component: () => import('./Window.vue'), meta: { perm: 'matter.intake', unless: 'matter.confirm_own' } },
  { path: 'inbox', name: 'inbox', component: () => import('./Inbox.vue'), meta: { perm: ['matter.handle', 'matter.dispatch'] } },
  { path: 'matters', name: 'matters', component: () => import('./MatterList.vue'), meta: { perm: 'matter.read', unless: 'matter.confirm_own' } },
  { path: 'matters/:id', name: 'matter', component: () => import('./Matter.vue'), meta: { perm: 'matter.read', unless: 'matter.confirm_own' } },
  { path: 'supervision', name: 'supervision', component: () => import('./Supervision.vue'), meta: { perm: ['matter.export', 'matter.supervise'] } },
  { path: 'callbacks', name: 'callbacks', component: () => import('./Callbacks.vue'), meta: { perm: 'matter.callback' } },
  { path: 'disputes', name: 'disputes', component: () => import('./Disputes.vue'), meta: { perm: 'matter.dispatch' } },
  { path: 'dashboard', name: 'dashboard', component: () => import('./Dashboard.vue'), meta: { perm: 'matter.export' } },
  { path: 'settings/categories', name: 'settings-categories', component: () => import('./Categories.vue'), meta: { perm: 'catalogue.manage' } },
  { path: 'settings/calendar', name: 'settings-calendar', component: () => import('./Calendar.vue'), meta: { perm: 'catalogue.manage' } },
  { path: 'appointments', name: 'appointments', component: () => import('./Appointments.vue'), meta: { perm: 'appointments.manage' } },
  { path: 'errands', name: 'errands', component: () => import('./Errands.vue'), meta: { perm: 'errands.manage' } },
  { path: 'my/matters', name: 'my-matters', component: () => import('./MyMatters.vue'), meta: { perm: 'matter.confirm_own' } },
]

// Outside the main layout: the printable receipt and the resident's public page (no login; the
// public app, public.html, loaded from the server).
export const mattersRoutes = [
  { path: '/matters/:id/receipt', name: 'matter-receipt', component: () => import('./Receipt.vue'), meta: { perm: 'matter.read', unless: 'matter.confirm_own' } },
  publicAppRoute('/p/:number', 'matter-public'),
]

export const mattersNav = [
  { path: '/my/matters', name: 'my-matters', label: 'matters.navMyMatters', icon: 'ChatLineSquare', perm: 'matter.confirm_own' },
  { path: '/window', name: 'window', label: 'matters.navWindow', icon: 'Service', perm: 'matter.intake', unless: 'matter.confirm_own' },
  { path: '/inbox', name: 'inbox', label: 'matters.navInbox', icon: 'Message', perm: ['matter.handle', 'matter.dispatch'] },
  { path: '/matters', name: 'matters', label: 'matters.navMatters', icon: 'Tickets', perm: 'matter.read', unless: 'matter.confirm_own' },
  { path: '/supervision', name: 'supervision', label: 'matters.navSupervision', icon: 'AlarmClock', perm: ['matter.export', 'matter.supervise'] },
  { path: '/callbacks', name: 'callbacks', label: 'matters.navCallbacks', icon: 'Phone', perm: 'matter.callback' },
  { path: '/disputes', name: 'disputes', label: 'joint.navDisputes', icon: 'Warning', perm: 'matter.dispatch' },
  { path: '/dashboard', name: 'dashboard', label: 'matters.navDashboard', icon: 'DataAnalysis', perm: 'matter.export' },
  { path: '/appointments', name: 'appointments', label: 'matters.navAppointments', icon: 'Timer', perm: 'appointments.manage' },
  { path: '/errands', name: 'errands', label: 'matters.navErrands', icon: 'Suitcase', perm: 'errands.manage' },
  { path: '/settings/categories', name: 'settings-categories', label: 'matters.navCategories', icon: 'Menu', perm: 'catalogue.manage' },
  { path: '/settings/calendar', name: 'settings-calendar', label: 'matters.navCalendar', icon: 'Calendar', perm: 'catalogue.manage' },
]

// A resident's home is their own matters: report one, follow them, sign them off.
export function residentLanding(to) {
  if (can('matter.confirm_own') && to.name === 'home') return { name: 'my-matters', query: to.query }
  return null
}
