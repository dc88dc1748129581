// Route of the message centre (消息中心): every signed-in user's own notifications, opened from
// the bell in the header (components/NotificationBell.vue). Spread into src/router.js.
export const messagesChildren = [
  { path: 'messages', name: 'messages', component: () => import('./Messages.vue') },
]
