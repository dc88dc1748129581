// Routes and menu entries of pairing (结对共建); spread into src/router.js and
// src/components/Layout.vue. The public needs list is a page of the public app (/needs/<village>).
export const pairingChildren = [
  { path: 'pairing', name: 'pairing', component: () => import('./Pairs.vue'), meta: { perm: 'pairing.read' } },
  { path: 'pairing/:id', name: 'pairing-pair', component: () => import('./Pair.vue'), meta: { perm: 'pairing.read' } },
]

export const pairingNav = [
  { path: '/pairing', name: 'pairing', label: 'pairing.nav', icon: 'Connection', perm: 'pairing.read' },
]
