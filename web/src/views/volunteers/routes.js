// Routes and menu entries of volunteer service (志愿服务); spread into src/router.js and
// src/components/Layout.vue. The certificate's verification page is a page of the public app
// (/vc/<code>).
export const volunteersChildren = [
  { path: 'volunteers', name: 'volunteers', component: () => import('./Teams.vue'), meta: { perm: 'volunteers.read' } },
  { path: 'volunteers/teams/:id', name: 'volunteers-team', component: () => import('./Team.vue'), meta: { perm: 'volunteers.read' } },
  { path: 'volunteers/mine', name: 'volunteers-mine', component: () => import('./Mine.vue'), meta: { perm: 'volunteers.join' } },
]

export const volunteersNav = [
  { path: '/volunteers', name: 'volunteers', label: 'volunteers.nav', icon: 'Avatar', perm: 'volunteers.read' },
  { path: '/volunteers/mine', name: 'volunteers-mine', label: 'volunteers.navMine', icon: 'Medal', perm: 'volunteers.join' },
]
