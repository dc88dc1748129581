// Routes and menu entries of the map (地图) and the statistics by household tag (按标签统计);
// spread into src/router.js and src/components/Layout.vue. The tag statistics also show as a
// panel of the leader's dashboard.
export const tagMapChildren = [
  { path: 'map', name: 'map', component: () => import('./MapView.vue'), meta: { perm: 'matter.export' } },
  { path: 'tag-stats', name: 'tag-stats', component: () => import('./TagStats.vue'), meta: { perm: 'matter.export' } },
]

export const tagMapNav = [
  { path: '/map', name: 'map', label: 'tagmap.navMap', icon: 'MapLocation', perm: 'matter.export' },
  { path: '/tag-stats', name: 'tag-stats', label: 'tagmap.navTagStats', icon: 'PieChart', perm: 'matter.export' },
]
