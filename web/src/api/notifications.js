// The message centre (站内消息): the signed-in user's own notifications, their unread count and
// the live feed of that count. One named function per endpoint; views write no URLs.
import { api } from '../api'

// 我的消息（unread: true 只看未读；分页）
export const list = (query, opts = {}) => api.get('/notifications', query, opts)
// 未读消息数。The live feed asks in the background: a 401 there must not take the user away from
// what they are doing (the next thing they do finds the session ended), so it passes quiet401.
export const unreadCount = (opts = {}) => api.get('/notifications/unread-count', undefined, opts)
// 标为已读
export const markRead = (id) => api.post(`/notifications/${encodeURIComponent(id)}/read`)
// 全部标为已读
export const markAllRead = () => api.post('/notifications/read-all')
// 未读数的实时推送（EventSource，事件 unread；凭登录 Cookie）；浏览器不支持时返回 null
export const openStream = () =>
  typeof EventSource === 'undefined' ? null : new EventSource('/api/v1/notifications/stream')
