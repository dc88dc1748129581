// Meetings that decide (议事会议), their decisions (决定) and the public reception days (接待日).
// One named function per endpoint; views write no URLs.
import { api, request } from '../api'

// 议事会议列表（kind、state、from、分页）
export const meetings = (query) => api.get('/meetings', query)
// 议事会议：参会人员、纪要、决定
export const meeting = (id) => api.get(`/meetings/${id}`)
// 记录议事会议
export const createMeeting = (body) => api.post('/meetings', body)
// 修改议事会议（含参会人员、纪要、状态）
export const updateMeeting = (id, body) => api.put(`/meetings/${id}`, body)
// 记录会议决定（责任人或责任单位、期限）
export const addDecision = (meetingId, body) => api.post(`/meetings/${meetingId}/decisions`, body)
// 责任人标记决定已落实
export const completeDecision = (id, note) => api.post(`/decisions/${id}/done`, { note })
// 决定转为诉求（一窗受理）
export const decisionToMatter = (id, body) => api.post(`/decisions/${id}/matter`, body)
// 我负责的会议决定
export const myDecisions = () => api.get('/decisions/mine')
// 逾期未落实的会议决定
export const overdueDecisions = () => api.get('/decisions/overdue')
// 公开：近期领导接待日、党代表接待
export const receptionDays = () => api.get('/public/reception-days', undefined, { quiet401: true })
// 预约接待日（沿用预约时段：登录后本户预约）
export const bookReception = (slotId, body) => request('POST', `/slots/${slotId}/appointments`, { body, quiet401: true })
