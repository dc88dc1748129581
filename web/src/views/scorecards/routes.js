// Routes and menu entries of the scorecards (考核); spread into src/router.js and
// src/components/Layout.vue.
export const scorecardsChildren = [
  { path: 'scorecards', name: 'scorecards', component: () => import('./Ranking.vue'), meta: { perm: 'scorecards.read' } },
  { path: 'scorecards/settings', name: 'scorecard-settings', component: () => import('./Settings.vue'), meta: { perm: 'scorecards.configure' } },
  { path: 'scorecards/:postingId', name: 'scorecard', component: () => import('./Card.vue'), meta: { perm: 'scorecards.read' } },
]

export const scorecardsNav = [
  { path: '/scorecards', name: 'scorecards', label: 'scorecards.nav', icon: 'Trophy', perm: 'scorecards.read' },
  { path: '/scorecards/settings', name: 'scorecard-settings', label: 'scorecards.navSettings', icon: 'Setting', perm: 'scorecards.configure' },
]
