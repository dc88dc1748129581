// Routes and menu entries of the 1+10 network, the diary, notices, events and the public pages;
// spread into src/router.js and src/components/Layout.vue.
import { can } from '../../auth'
import { publicAppRoute } from '../../public/route'

const Mobile = () => import('./Mobile.vue')

// Inside the main layout (side menu).
export const networkChildren = [
  { path: 'network', name: 'network', component: () => import('./Network.vue'), meta: { perm: 'network.read' } },
  { path: 'network/coverage', name: 'network-coverage', component: () => import('./Coverage.vue'), meta: { perm: 'network.read' } },
  { path: 'diary', name: 'diary', component: () => import('./Diary.vue'), meta: { perm: 'visits.read', unless: 'member.duties' } },
  { path: 'diary/quota', name: 'diary-quota', component: () => import('./Quota.vue'), meta: { perm: 'visits.read', unless: 'member.duties' } },
  { path: 'notices', name: 'notices', component: () => import('./Notices.vue'), meta: { perm: 'notices.read', unless: 'member.duties' } },
  { path: 'events', name: 'events', component: () => import('./Events.vue'), meta: { perm: 'notices.read' } },
]

// Outside the main layout: the member's phone view and the public pages (no login; the household's
// card page is the public app, public.html, loaded from the server).
export const networkRoutes = [
  // Members see their linked households; whoever else writes the diary finds households in scope.
  { path: '/m', name: 'mobile', component: Mobile, meta: { perm: ['member.duties', 'visits.log'] } },
  { path: '/board/:villageId', name: 'board', component: () => import('./Board.vue'), meta: { public: true } },
  publicAppRoute('/h/:code', 'household-public'),
]

export const networkNav = [
  { path: '/m', name: 'mobile', label: 'network.navMobile', icon: 'Iphone', perm: 'member.duties' },
  { path: '/m', name: 'mobile-diary', label: 'network.navMobileDiary', icon: 'Iphone', perm: 'visits.log', unless: 'member.duties' },
  { path: '/network', name: 'network', label: 'network.navNetwork', icon: 'Share', perm: 'network.read' },
  { path: '/network/coverage', name: 'network-coverage', label: 'network.navCoverage', icon: 'PieChart', perm: 'network.read' },
  { path: '/diary', name: 'diary', label: 'network.navDiary', icon: 'Notebook', perm: 'visits.read', unless: 'member.duties' },
  { path: '/diary/quota', name: 'diary-quota', label: 'network.navQuota', icon: 'TrendCharts', perm: 'visits.read', unless: 'member.duties' },
  { path: '/notices', name: 'notices', label: 'network.navNotices', icon: 'Bell', perm: 'notices.read', unless: 'member.duties' },
  { path: '/events', name: 'events', label: 'network.navEvents', icon: 'Calendar', perm: 'notices.read' },
]

// After logging in, a party member lands on the phone view.
export function memberLanding(to, from) {
  if (can('member.duties') && to.name === 'home' && from.name === 'login') return { name: 'mobile' }
  return null
}
