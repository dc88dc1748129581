// Routes and menu entries of the system settings (系统设置): the public base URL of QR codes and
// links. Spread into src/router.js and src/components/Layout.vue.
const System = () => import('./System.vue')

const ACCESS = { system: { perm: 'system.settings' } }

export const systemChildren = [
  { path: 'system', name: 'system', component: System, meta: ACCESS.system },
]

export const systemNav = [
  { path: '/system', name: 'system', label: 'system.nav', icon: 'Setting', ...ACCESS.system },
]
