// The SMS outbox (短信发件箱), the state of the SMS channel and the notification rules (which
// events notify whom, in the app and by SMS). Administrators only. One named function per
// endpoint; views write no URLs.
import { api } from '../api'

// 短信发件箱（按状态、手机号、类型筛选；分页）
export const outbox = (query) => api.get('/sms/outbox', query)
// 一条短信及其发送记录
export const message = (id) => api.get(`/sms/outbox/${encodeURIComponent(id)}`)
// 重发发送失败的短信
export const retry = (id) => api.post(`/sms/outbox/${encodeURIComponent(id)}/retry`)
// 短信通道状态（通道、各状态条数、缺少的模板、连续失败告警）
export const status = () => api.get('/sms/status')
// 消息提醒规则
export const rules = () => api.get('/settings/notification-rules')
// 保存消息提醒规则
export const saveRules = (rules) => api.put('/settings/notification-rules', { rules })
