// Livelihood projects (民生项目): projects, their joint team, households with consent and visits,
// one-household plans (一户一策), the weekly cadence log, the issue log and the public progress.
// One named function per endpoint; views write no URLs.
import { api, request } from '../api'

// 民生项目列表
export const projects = () => api.get('/projects')
// 新建民生项目
export const createProject = (body) => api.post('/projects', body)
// 项目详情（联合支部、涉及户、一户一策、问题台账、例会、看板）
export const project = (id, query) => api.get(`/projects/${id}`, query)
// 修改项目
export const updateProject = (id, body) => api.put(`/projects/${id}`, body)
// 加入联合支部成员
export const addTeamMember = (id, body) => api.post(`/projects/${id}/team`, body)
// 加入涉及户（按区域、地址或户编号）
export const addHouseholds = (id, body) => api.post(`/projects/${id}/households`, body)
// 关联民情日记走访
export const linkVisit = (id, visitId) => api.post(`/projects/${id}/visits`, { visit_id: visitId })
// 项目组上门走访：记入民情日记并登记走访后的意愿
export const recordVisit = (id, householdId, body) => api.post(`/projects/${id}/door-visits/${householdId}`, body)
// 登记意愿（须对应一次走访）
export const recordConsent = (id, householdId, body) => api.put(`/projects/${id}/consent/${householdId}`, body)
// 一户一策
export const savePlan = (id, householdId, body) => api.put(`/projects/${id}/plans/${householdId}`, body)
// 每周例会记录
export const logCadence = (id, body) => api.post(`/projects/${id}/cadence`, body)
// 登记问题
export const addIssue = (id, body) => api.post(`/projects/${id}/issues`, body)
// 问题的解决方式（关联诉求或会议决定）
export const resolveIssue = (issueId, body) => api.put(`/project-issues/${issueId}/resolution`, body)
// 民生项目进度（公开）
export const publicProjects = () => request('GET', '/public/projects', { quiet401: true })
