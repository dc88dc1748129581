// Routes and menu entries of meetings that decide (议事会议) and their decisions (决定); spread
// into src/router.js and src/components/Layout.vue. The public reception days (/reception/all)
// belong to the public app (public.html).
import { publicAppRoute } from '../../public/route'

export const meetingsChildren = [
  { path: 'meetings', name: 'meetings', component: () => import('./Meetings.vue'), meta: { perm: 'meetings.read' } },
  { path: 'meetings/:id', name: 'meeting', component: () => import('./Meeting.vue'), meta: { perm: 'meetings.read' } },
  { path: 'decisions', name: 'decisions', component: () => import('./Decisions.vue'), meta: { perm: 'decisions.complete' } },
]

export const meetingsRoutes = [publicAppRoute('/reception/:which', 'reception-public')]

export const meetingsNav = [
  { path: '/meetings', name: 'meetings', label: 'meetings.navMeetings', icon: 'ChatDotRound', perm: 'meetings.read' },
  { path: '/decisions', name: 'decisions', label: 'meetings.navDecisions', icon: 'Finished', perm: 'decisions.complete' },
]
