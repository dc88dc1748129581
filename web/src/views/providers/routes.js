// Routes and menu entries of service providers (服务商); spread into src/router.js and
// src/components/Layout.vue. The public list is a page of the public app (/service-providers/all).
export const providersChildren = [
  { path: 'providers', name: 'providers', component: () => import('./Providers.vue'), meta: { perm: 'providers.read' } },
  { path: 'providers/:id', name: 'provider', component: () => import('./Provider.vue'), meta: { perm: 'providers.read' } },
]

export const providersNav = [
  { path: '/providers', name: 'providers', label: 'providers.nav', icon: 'Van', perm: 'providers.read' },
]
