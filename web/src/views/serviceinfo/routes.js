// Routes and menu entries of on-duty and public service information (值班安排、办事指南) and their
// public pages (no login: the badges' QR code opens /duty/<centre>, a guide's /guides/g/<id>, a
// region's list /guides/r/<region>); spread into src/router.js and src/components/Layout.vue.

// Inside the main layout (side menu).
export const serviceInfoChildren = [
  { path: 'service/duty', name: 'service-duty', component: () => import('./Duty.vue'), meta: { perm: 'duty.manage' } },
  { path: 'service/guides', name: 'service-guides', component: () => import('./Guides.vue'), meta: { perm: 'guides.manage' } },
]

// Outside the main layout: the public pages.
export const serviceInfoRoutes = [
  { path: '/duty/:unitId', name: 'public-duty', component: () => import('./PublicDuty.vue'), meta: { public: true } },
  { path: '/guides/r/:regionId', name: 'public-guides', component: () => import('./PublicGuides.vue'), meta: { public: true } },
  { path: '/guides/g/:guideId', name: 'public-guide', component: () => import('./PublicGuide.vue'), meta: { public: true } },
]

export const serviceInfoNav = [
  { path: '/service/duty', name: 'service-duty', label: 'serviceinfo.navDuty', icon: 'Postcard', perm: 'duty.manage' },
  { path: '/service/guides', name: 'service-guides', label: 'serviceinfo.navGuides', icon: 'Document', perm: 'guides.manage' },
]
