import { createRouter, createWebHistory } from 'vue-router'
import { auth, restore, ROLE_SETS } from './auth'
import Layout from './components/Layout.vue'
import Login from './views/Login.vue'
import Home from './views/Home.vue'
import Households from './views/Households.vue'
import Household from './views/Household.vue'
import Regions from './views/Regions.vue'
import Party from './views/Party.vue'
import Units from './views/Units.vue'
import Users from './views/Users.vue'
import Audit from './views/Audit.vue'
import { networkChildren, networkRoutes, memberLanding } from './views/network/routes'
import { mattersChildren, mattersRoutes, residentLanding } from './views/matters/routes'

const routes = [
  { path: '/login', name: 'login', component: Login, meta: { public: true } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: Home },
      { path: 'households', name: 'households', component: Households, meta: { set: 'registry' } },
      { path: 'households/:id', name: 'household', component: Household, meta: { set: 'registry' } },
      { path: 'regions', name: 'regions', component: Regions, meta: { set: 'regions' } },
      { path: 'party', name: 'party', component: Party, meta: { set: 'party' } },
      { path: 'units', name: 'units', component: Units, meta: { set: 'units' } },
      { path: 'users', name: 'users', component: Users, meta: { set: 'users' } },
      { path: 'audit', name: 'audit', component: Audit, meta: { set: 'audit' } },
      ...networkChildren,
      ...mattersChildren,
    ],
  },
  ...networkRoutes,
  ...mattersRoutes,
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to, from) => {
  await restore()
  if (to.meta.public) {
    if (to.name === 'login' && auth.user) return { name: 'home' }
    return true
  }
  if (!auth.user) return { name: 'login', query: { redirect: to.fullPath } }
  const landing = memberLanding(to, from, auth.user) || residentLanding(to, auth.user)
  if (landing) return landing
  const set = to.meta.set
  if (set && !ROLE_SETS[set].includes(auth.user.role)) return { name: 'home' }
  return true
})

export default router
