// Routes and menu entries of window ratings (窗口评价) and the suggestion box (意见箱); spread into
// src/router.js and src/components/Layout.vue. The residents' pages (/r/<token>, /suggest/all) belong to
// the public app (public.html).
import { publicAppRoute } from '../../public/route'

export const ratingsChildren = [
  { path: 'window-ratings', name: 'window-ratings', component: () => import('./Stats.vue'), meta: { perm: 'ratings.read' } },
  { path: 'suggestions', name: 'suggestions', component: () => import('./Suggestions.vue'), meta: { perm: 'suggestions.read' } },
]

// Outside the main layout: the window's tablet fills its screen.
export const ratingsRoutes = [
  { path: '/window/rater', name: 'window-rater', component: () => import('./Tablet.vue'), meta: { perm: 'ratings.tablet' } },
  publicAppRoute('/r/:token', 'rate-public'),
  publicAppRoute('/suggest/:centre', 'suggest-public'),
]

export const ratingsNav = [
  { path: '/window-ratings', name: 'window-ratings', label: 'ratings.navStats', icon: 'Star', perm: 'ratings.read' },
  { path: '/suggestions', name: 'suggestions', label: 'ratings.navSuggestions', icon: 'Message', perm: 'suggestions.read' },
  { path: '/window/rater', name: 'window-rater', label: 'ratings.navTablet', icon: 'Monitor', perm: 'ratings.tablet' },
]
