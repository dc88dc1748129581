// Routes and menu entries of the matters (诉求) screens; spread into src/router.js and
// src/components/Layout.vue. Views are loaded lazily to keep the main bundle small.
export const mattersChildren = [
  { path: 'window', name: 'window', component: () => import('./Window.vue'), meta: { set: 'mattersWindow' } },
  { path: 'inbox', name: 'inbox', component: () => import('./Inbox.vue'), meta: { set: 'mattersInbox' } },
  { path: 'matters', name: 'matters', component: () => import('./MatterList.vue'), meta: { set: 'matters' } },
  { path: 'matters/:id', name: 'matter', component: () => import('./Matter.vue'), meta: { set: 'matters' } },
  { path: 'supervision', name: 'supervision', component: () => import('./Supervision.vue'), meta: { set: 'mattersSupervision' } },
  { path: 'callbacks', name: 'callbacks', component: () => import('./Callbacks.vue'), meta: { set: 'mattersCallbacks' } },
  { path: 'dashboard', name: 'dashboard', component: () => import('./Dashboard.vue'), meta: { set: 'mattersDashboard' } },
  { path: 'settings/categories', name: 'settings-categories', component: () => import('./Categories.vue'), meta: { set: 'mattersSettings' } },
  { path: 'settings/calendar', name: 'settings-calendar', component: () => import('./Calendar.vue'), meta: { set: 'mattersSettings' } },
  { path: 'appointments', name: 'appointments', component: () => import('./Appointments.vue'), meta: { set: 'mattersAppointments' } },
  { path: 'errands', name: 'errands', component: () => import('./Errands.vue'), meta: { set: 'mattersErrands' } },
  { path: 'my/matters', name: 'my-matters', component: () => import('./MyMatters.vue'), meta: { set: 'mattersMine' } },
]

// Outside the main layout: the printable receipt and the resident's public page (no login).
export const mattersRoutes = [
  { path: '/matters/:id/receipt', name: 'matter-receipt', component: () => import('./Receipt.vue'), meta: { set: 'matters' } },
  { path: '/p/:number', name: 'matter-public', component: () => import('./Public.vue'), meta: { public: true } },
]

export const mattersNav = [
  { path: '/my/matters', name: 'my-matters', label: 'navMyMatters', icon: 'ChatLineSquare', set: 'mattersMine' },
  { path: '/window', name: 'window', label: 'navWindow', icon: 'Service', set: 'mattersWindow' },
  { path: '/inbox', name: 'inbox', label: 'navInbox', icon: 'Message', set: 'mattersInbox' },
  { path: '/matters', name: 'matters', label: 'navMatters', icon: 'Tickets', set: 'matters' },
  { path: '/supervision', name: 'supervision', label: 'navSupervision', icon: 'AlarmClock', set: 'mattersSupervision' },
  { path: '/callbacks', name: 'callbacks', label: 'navCallbacks', icon: 'Phone', set: 'mattersCallbacks' },
  { path: '/dashboard', name: 'dashboard', label: 'navDashboard', icon: 'DataAnalysis', set: 'mattersDashboard' },
  { path: '/appointments', name: 'appointments', label: 'navAppointments', icon: 'Timer', set: 'mattersAppointments' },
  { path: '/errands', name: 'errands', label: 'navErrands', icon: 'Suitcase', set: 'mattersErrands' },
  { path: '/settings/categories', name: 'settings-categories', label: 'navCategories', icon: 'Menu', set: 'mattersSettings' },
  { path: '/settings/calendar', name: 'settings-calendar', label: 'navCalendar', icon: 'Calendar', set: 'mattersSettings' },
]

// A resident's home is their own matters: report one, follow them, sign them off.
export function residentLanding(to, user) {
  if (user && user.role === 'resident' && to.name === 'home') return { name: 'my-matters', query: to.query }
  return null
}
