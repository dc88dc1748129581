// Routes and menu entries of the monthly ranking reports (月度通报); spread into src/router.js
// and src/components/Layout.vue.
export const reportsChildren = [
  { path: 'reports/monthly', name: 'monthly-reports', component: () => import('./Monthly.vue'), meta: { perm: 'matter.export' } },
]

export const reportsNav = [
  { path: '/reports/monthly', name: 'monthly-reports', label: 'reports.nav', icon: 'Document', perm: 'matter.export' },
]
