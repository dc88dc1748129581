// Routes and menu entries of surveys and evaluations (问卷与评议); spread into src/router.js and
// src/components/Layout.vue. The household's answer page /s/<survey>?t=<token> is the public app
// (public.html).
import { publicAppRoute } from '../../public/route'

// Inside the main layout (side menu).
export const surveysChildren = [
  { path: 'surveys', name: 'surveys', component: () => import('./Surveys.vue'), meta: { perm: 'surveys.read' } },
  { path: 'surveys/:id/results', name: 'survey-results', component: () => import('./SurveyResults.vue'), meta: { perm: 'surveys.read' } },
]

// Outside the main layout: the member's phone form and the public answer page.
export const surveysRoutes = [
  { path: '/surveys/record/:householdId', name: 'survey-record', component: () => import('./RecordSurvey.vue'), meta: { perm: 'surveys.record' } },
  publicAppRoute('/s/:id', 'survey-public'),
]

export const surveysNav = [
  { path: '/surveys', name: 'surveys', label: 'surveys.nav', icon: 'List', perm: 'surveys.read' },
]
