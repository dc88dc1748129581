// Pairing (结对共建): unit–village pairs, needs, resources, matches, yearly report, the public needs
// list. One named function per endpoint; views write no URLs.
import { api, download } from '../api'

// 结对列表（region_id、unit_id）
export const pairs = (query) => api.get('/pairing/pairs', query)
// 建立结对（unit_id、region_id、from、to、note）
export const createPair = (body) => api.post('/pairing/pairs', body)
// 结对详情：需求、资源、对接
export const pair = (id) => api.get(`/pairing/pairs/${id}`)
// 登记村的需求（title、kind、detail）
export const addNeed = (id, body) => api.post(`/pairing/pairs/${id}/needs`, body)
// 登记单位的资源（kind、description）
export const addResource = (id, body) => api.post(`/pairing/pairs/${id}/resources`, body)
// 对接需求与资源（need_id、resource_id、note）
export const match = (id, body) => api.post(`/pairing/pairs/${id}/matches`, body)
// 对接完成
export const completeMatch = (matchId) => api.post(`/pairing/matches/${matchId}/done`, {})
// 登记共建项目（title、description、project_id）
export const addProject = (id, body) => api.post(`/pairing/pairs/${id}/projects`, body)
// 共建项目状态（planned、ongoing、done）
export const setProjectState = (projectId, state) => api.post(`/pairing/joint-projects/${projectId}/state`, { state })
// 年度成效
export const report = (id, year) => api.get(`/pairing/pairs/${id}/report`, { year })
// 年度成效（Excel）
export const exportReport = (id, year) => download(`/pairing/pairs/${id}/report`, { year, format: 'xlsx' })
// 公开：村的结对需求清单（无需登录）
export const publicNeeds = (villageId) => api.get(`/public/pairing/${villageId}/needs`)
// 单位名录（选择结对单位）
export const units = () => api.get('/units')
