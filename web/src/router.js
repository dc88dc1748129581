import { createRouter, createWebHistory } from 'vue-router'
import { auth, restore, allowed, loginRoute } from './auth'
import Layout from './components/Layout.vue'
import Login from './views/Login.vue'
import Home from './views/Home.vue'
const Activate = () => import('./views/Activate.vue')
const Signup = () => import('./views/Signup.vue')
import { registryChildren } from './views/registry/routes'
import { networkChildren, networkRoutes, memberLanding } from './views/network/routes'
import { mattersChildren, mattersRoutes, residentLanding } from './views/matters/routes'
import { systemChildren } from './views/system/routes'
import { messagesChildren } from './views/messages/routes'
import { postingsChildren } from './views/postings/routes'
import { votesChildren, votesRoutes } from './views/votes/routes'
import { surveysChildren, surveysRoutes } from './views/surveys/routes'
import { projectsChildren, projectsRoutes } from './views/projects/routes'
import { ratingsChildren, ratingsRoutes } from './views/ratings/routes'
import { serviceInfoChildren, serviceInfoRoutes } from './views/serviceinfo/routes'
import { scorecardsChildren } from './views/scorecards/routes'
import { reportsChildren } from './views/reports/routes'
import { meetingsChildren, meetingsRoutes } from './views/meetings/routes'
import { pairingChildren } from './views/pairing/routes'
import { awayChildren } from './views/away/routes'
import { volunteersChildren } from './views/volunteers/routes'
import { providersChildren } from './views/providers/routes'
import { tagMapChildren } from './views/tagmap/routes'

const routes = [
  { path: '/login', name: 'login', component: Login, meta: { public: true } },
  // First sign-in with an activation letter's code (the letter's QR code opens /activate?u=...).
  { path: '/activate', name: 'activate', component: Activate, meta: { public: true } },
  // A resident signs up with their registered phone and a texted code (群众注册).
  { path: '/signup', name: 'signup', component: Signup, meta: { public: true } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: Home },
      ...registryChildren,
      ...networkChildren,
      ...mattersChildren,
      ...systemChildren,
      ...messagesChildren,
      ...postingsChildren,
      ...votesChildren,
      ...ratingsChildren,
      ...serviceInfoChildren,
      ...surveysChildren,
      ...projectsChildren,
      ...scorecardsChildren,
      ...reportsChildren,
      ...meetingsChildren,
      ...pairingChildren,
      ...awayChildren,
      ...volunteersChildren,
      ...providersChildren,
      ...tagMapChildren,
    ],
  },
  ...networkRoutes,
  ...mattersRoutes,
  ...votesRoutes,
  ...ratingsRoutes,
  ...serviceInfoRoutes,
  ...surveysRoutes,
  ...projectsRoutes,
  ...meetingsRoutes,
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to, from) => {
  await restore()
  if (to.meta.public) {
    if ((to.name === 'login' || to.name === 'signup') && auth.user) return { name: 'home' }
    return true
  }
  if (!auth.user) return loginRoute(to.fullPath)
  const landing = memberLanding(to, from) || residentLanding(to)
  if (landing) return landing
  if (to.meta.perm && !allowed(to.meta)) return { name: 'home' }
  return true
})

export default router
