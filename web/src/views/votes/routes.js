// Routes and menu entries of the year-end report and vote (述职评议); spread into src/router.js
// and src/components/Layout.vue. The ballot page /v/<session> is the public app (public.html).
import { publicAppRoute } from '../../public/route'

// Inside the main layout (side menu).
export const votesChildren = [
  { path: 'votes', name: 'votes', component: () => import('./Votes.vue'), meta: { perm: 'votes.read' } },
]

// Outside the main layout: the ballot page, loaded from the server.
export const votesRoutes = [publicAppRoute('/v/:id', 'vote-public')]

export const votesNav = [
  { path: '/votes', name: 'votes', label: 'votes.nav', icon: 'Stamp', perm: 'votes.read' },
]
