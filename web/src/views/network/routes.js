// Routes and menu entries of the 1+10 network, the diary, notices, events and the public pages;
// spread into src/router.js and src/components/Layout.vue.
const Mobile = () => import('./Mobile.vue')

// Inside the main layout (side menu).
export const networkChildren = [
  { path: 'network', name: 'network', component: () => import('./Network.vue'), meta: { set: 'network' } },
  { path: 'network/coverage', name: 'network-coverage', component: () => import('./Coverage.vue'), meta: { set: 'network' } },
  { path: 'diary', name: 'diary', component: () => import('./Diary.vue'), meta: { set: 'diary' } },
  { path: 'diary/quota', name: 'diary-quota', component: () => import('./Quota.vue'), meta: { set: 'diary' } },
  { path: 'notices', name: 'notices', component: () => import('./Notices.vue'), meta: { set: 'notices' } },
  { path: 'events', name: 'events', component: () => import('./Events.vue'), meta: { set: 'events' } },
]

// Outside the main layout: the member's phone view and the public pages (no login).
export const networkRoutes = [
  { path: '/m', name: 'mobile', component: Mobile, meta: { set: 'mobile' } },
  { path: '/board/:villageId', name: 'board', component: () => import('./Board.vue'), meta: { public: true } },
  { path: '/h/:code', name: 'household-public', component: () => import('./PublicHousehold.vue'), meta: { public: true } },
]

export const networkNav = [
  { path: '/m', name: 'mobile', label: 'navMobile', icon: 'Iphone', set: 'mobile' },
  { path: '/network', name: 'network', label: 'navNetwork', icon: 'Share', set: 'network' },
  { path: '/network/coverage', name: 'network-coverage', label: 'navCoverage', icon: 'PieChart', set: 'network' },
  { path: '/diary', name: 'diary', label: 'navDiary', icon: 'Notebook', set: 'diary' },
  { path: '/diary/quota', name: 'diary-quota', label: 'navQuota', icon: 'TrendCharts', set: 'diary' },
  { path: '/notices', name: 'notices', label: 'navNotices', icon: 'Bell', set: 'notices' },
  { path: '/events', name: 'events', label: 'navEvents', icon: 'Calendar', set: 'events' },
]

// After logging in, a party member lands on the phone view.
export function memberLanding(to, from, user) {
  if (user && user.role === 'party_member' && to.name === 'home' && from.name === 'login') return { name: 'mobile' }
  return null
}
