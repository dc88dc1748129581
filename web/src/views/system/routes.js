// Routes and menu entries of the system settings (系统设置): the public base URL of QR codes and
// links, the SMS outbox and channel (短信发件箱), the notification rules (消息提醒规则) and the
// Open311 API keys (接口密钥).
// Spread into src/router.js and src/components/Layout.vue.
const System = () => import('./System.vue')
const SmsOutbox = () => import('./SmsOutbox.vue')
const NotificationRules = () => import('./NotificationRules.vue')
const Open311Keys = () => import('./Open311Keys.vue')

const ACCESS = {
  system: { perm: 'system.settings' },
  sms: { perm: 'sms.outbox' },
  rules: { perm: 'system.settings' },
  open311: { perm: 'open311.manage_keys' },
}

export const systemChildren = [
  { path: 'system', name: 'system', component: System, meta: ACCESS.system },
  { path: 'system/sms', name: 'system-sms', component: SmsOutbox, meta: ACCESS.sms },
  { path: 'system/notification-rules', name: 'system-notification-rules', component: NotificationRules, meta: ACCESS.rules },
  { path: 'system/open311', name: 'system-open311', component: Open311Keys, meta: ACCESS.open311 },
]

export const systemNav = [
  { path: '/system', name: 'system', label: 'system.nav', icon: 'Setting', ...ACCESS.system },
  { path: '/system/sms', name: 'system-sms', label: 'messages.navSms', icon: 'ChatDotRound', ...ACCESS.sms },
  { path: '/system/notification-rules', name: 'system-notification-rules', label: 'messages.navRules', icon: 'Bell', ...ACCESS.rules },
  { path: '/system/open311', name: 'system-open311', label: 'open311.nav', icon: 'Key', ...ACCESS.open311 },
]
