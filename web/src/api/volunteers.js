// Volunteer service (志愿服务): teams, volunteers, activities, sign-up, attendance, hours ledger,
// certificates and their public verification. One named function per endpoint; views write no
// URLs.
import { api } from '../api'

// 志愿服务队列表（region_id）
export const teams = (query) => api.get('/volunteer-teams', query)
// 建立志愿服务队（name、region_id、leader_user_id、unit_id、note）
export const createTeam = (body) => api.post('/volunteer-teams', body)
// 志愿服务队：志愿者、活动
export const team = (id) => api.get(`/volunteer-teams/${id}`)
// 添加志愿者（resident_id，或 name、phone；joined）
export const addVolunteer = (teamId, body) => api.post(`/volunteer-teams/${teamId}/volunteers`, body)
// 志愿者在队或退出
export const setActive = (volunteerId, active) => api.post(`/volunteers/${volunteerId}/active`, { active })
// 发布活动（title、date、time、place、capacity、hours）
export const addActivity = (teamId, body) => api.post(`/volunteer-teams/${teamId}/activities`, body)
// 活动详情：报名和签到
export const activity = (id) => api.get(`/volunteer-activities/${id}`)
// 活动状态（open、closed、done、cancelled）
export const setActivityState = (id, state) => api.post(`/volunteer-activities/${id}/state`, { state })
// 报名（volunteer_id）
export const signUp = (activityId, volunteerId) => api.post(`/volunteer-activities/${activityId}/signups`, { volunteer_id: volunteerId })
// 签到并记入时长（volunteer_ids）
export const markAttendance = (activityId, volunteerIds) => api.post(`/volunteer-activities/${activityId}/attendance`, { volunteer_ids: volunteerIds })
// 时长台账
export const hours = (volunteerId) => api.get(`/volunteers/${volunteerId}/hours`)
// 人工调整时长（hours、reason）
export const adjustHours = (volunteerId, body) => api.post(`/volunteers/${volunteerId}/hours`, body)
// 出具志愿服务证明
export const issueCertificate = (volunteerId) => api.post(`/volunteers/${volunteerId}/certificates`, {})
// 证明 PDF 的地址（登录后打开）
export const certificatePdfUrl = (code) => `/api/v1/volunteer-certificates/${encodeURIComponent(code)}/pdf`
// 本人的志愿服务
export const mine = () => api.get('/volunteers/mine')
// 公开：核验证明
export const verifyCertificate = (code) => api.get(`/public/volunteer-certificates/${encodeURIComponent(code)}`)
// 公开：区域内开放报名的活动
export const publicActivities = (regionId) => api.get(`/public/volunteer-activities/${regionId}`)
