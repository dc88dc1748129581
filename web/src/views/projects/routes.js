// Routes and menu entries of livelihood projects (民生项目); spread into src/router.js and
// src/components/Layout.vue. The public progress page /progress/all is the public app
// (public.html).
import { publicAppRoute } from '../../public/route'

// Inside the main layout (side menu).
export const projectsChildren = [
  { path: 'projects', name: 'projects', component: () => import('./Projects.vue'), meta: { perm: 'projects.read' } },
  { path: 'projects/:id', name: 'project', component: () => import('./Project.vue'), meta: { perm: 'projects.read' } },
]

export const projectsRoutes = [publicAppRoute('/progress/:key', 'projects-public')]

export const projectsNav = [
  { path: '/projects', name: 'projects', label: 'projects.nav', icon: 'OfficeBuilding', perm: 'projects.read' },
]
