// Routes and menu entries of postings (驻村干部) and agreements (目标责任书); spread into
// src/router.js and src/components/Layout.vue.
export const postingsChildren = [
  { path: 'postings', name: 'postings', component: () => import('./Postings.vue'), meta: { perm: 'postings.read' } },
  { path: 'agreements/:id', name: 'agreement', component: () => import('./Agreement.vue'), meta: { perm: 'postings.read' } },
]

export const postingsNav = [
  { path: '/postings', name: 'postings', label: 'postings.navPostings', icon: 'Flag', perm: 'postings.read' },
]
