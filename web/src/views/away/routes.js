// Routes and menu entries of away members (离乡不离党) and online study (网上学习); spread into
// src/router.js and src/components/Layout.vue.
export const awayChildren = [
  { path: 'away', name: 'away', component: () => import('./AwayMembers.vue'), meta: { perm: 'away.read' } },
  { path: 'study', name: 'study', component: () => import('./Study.vue'), meta: { perm: 'away.read' } },
  { path: 'study/my', name: 'study-my', component: () => import('./MyStudy.vue'), meta: { perm: 'study.attend' } },
]

export const awayNav = [
  { path: '/away', name: 'away', label: 'away.nav', icon: 'Promotion', perm: 'away.read' },
  { path: '/study', name: 'study', label: 'away.navStudy', icon: 'Reading', perm: 'away.read' },
  { path: '/study/my', name: 'study-my', label: 'away.navMyStudy', icon: 'Reading', perm: 'study.attend' },
]
