// The 1+10 network (党员联系户), notices (四到户), household events (五必到), the diary (民情日记)
// and the public pages behind the contact card's QR codes. One named function per endpoint;
// views write no URLs.
import { api, request } from '../api'

const enc = encodeURIComponent

// 村的联系网络
export const village = (id) => api.get(`/network/villages/${id}`)
// 编排预览
export const previewPlan = (villageId) => api.post(`/network/villages/${villageId}/preview`)
// 采用编排方案
export const applyPlan = (planId) => api.post(`/network/plans/${planId}/apply`)
// 指定联系户
export const createLink = (body) => api.post('/network/links', body)
// 解除联系户
export const deleteLink = (id) => api.del(`/network/links/${id}`)
// 联系申请
export const linkRequests = (query) => api.get('/network/link-requests', query)
// 批准、驳回联系申请
export const decideLinkRequest = (id, body) => api.post(`/network/link-requests/${id}/decide`, body)
// 指定中心户联系的党员
export const createLeaderLink = (body) => api.post('/network/leader-links', body)
// 解除中心户联系
export const deleteLeaderLink = (memberId) => api.del(`/network/leader-links/${memberId}`)
// 党员状态（外出、病弱…）
export const setMemberStatus = (id, body) => api.post(`/network/members/${id}/status`, body)
// 联系覆盖情况
export const coverage = (query) => api.get('/network/coverage', query)
// 党员本人：我的联系户、待办
export const my = () => api.get('/network/my')
// 联系卡 PDF（一户）的地址
export const householdCardUrl = (householdId) => `/api/v1/households/${householdId}/card.pdf`
// 全村联系卡 PDF 的地址
export const villageCardsUrl = (villageId) => `/api/v1/network/villages/${villageId}/cards.pdf`
// 村公示牌页面的地址
export const boardPagePath = (villageId) => `/board/${villageId}`
// 通知列表
export const notices = (query) => api.get('/notices', query)
// 通知详情及送达情况
export const notice = (id) => api.get(`/notices/${id}`)
// 发布通知
export const createNotice = (body) => api.post('/notices', body)
// 通知送达到户
export const deliverNotice = (noticeId, householdId, body) =>
  api.post(`/notices/${noticeId}/deliveries/${householdId}`, body)
// 户事件（五必到）
export const householdEvents = (query) => api.get('/household-events', query)
// 登记户事件
export const createHouseholdEvent = (body) => api.post('/household-events', body)
// 到场
export const attendEvent = (id, body) => api.post(`/household-events/${id}/attend`, body)
// 民情日记
export const visits = (query) => api.get('/visits', query)
// 民情日记的走访人（按姓名查找，供筛选）
export const visitors = (query) => api.get('/visits/visitors', query)
// 写民情日记
export const createVisit = (body) => api.post('/visits', body)
// 点评走访
export const reviewVisit = (id, body) => api.post(`/visits/${id}/review`, body)
// 确认走访（户主验证码或本户账户）
export const confirmVisit = (id, body) => api.post(`/visits/${id}/confirm`, body)
// 给户主发送走访验证码
export const sendVisitPhoneCode = (id) => api.post(`/visits/${id}/phone-code`, {})
// 走访指标完成情况
export const quota = (query) => api.get('/visits/quota', query)
// 未走访户
export const unvisited = (query) => api.get('/visits/unvisited', query)
// 村公示牌（无需登录）
export const publicBoard = (villageId) => api.get(`/public/board/${villageId}`, undefined, { quiet401: true })
// 公开栏 A3 海报（PDF，无需登录）
export const publicBoardPdfUrl = (villageId) => `/api/v1/public/board/${villageId}/board.pdf`
// 联系卡二维码页（无需登录）
export const publicHousehold = (code) => api.get(`/public/households/${enc(code)}`, undefined, { quiet401: true })
// 联系卡二维码页的走访记录（无需登录）
export const publicHouseholdVisits = (code) =>
  api.get(`/public/households/${enc(code)}/visits`, undefined, { quiet401: true })
// 二维码页：发送确认走访的验证码
export const publicVisitPhoneCode = (body) => api.post('/public/visits/phone-code', body)
// 二维码页：用验证码确认走访
export const publicConfirmVisit = (body) => api.post('/public/visits/confirm', body)
// 当天公布的审计链头（无需登录）
export const publicChainHead = () => api.get('/public/chain-head', undefined, { quiet401: true })
// 某区域生效的联系网络设置与走访指标（未单独设置时沿用最近的上级）
export const settings = (regionId) => api.get(`/network/settings/${regionId}`)
// 为某区域单独设置联系网络参数与走访指标
export const putSettings = (regionId, body) => api.put(`/network/settings/${regionId}`, body)
// 村综合服务站（地点、开放时间、电话、助理）
export const station = (villageId) => api.get(`/network/stations/${villageId}`)
// 修改村综合服务站
export const putStation = (villageId, body) => api.put(`/network/stations/${villageId}`, body)
// 联系卡二维码页：反映问题的表单（户、区域、可选分类；无需登录）
export const publicReportForm = (code) =>
  api.get(`/public/cards/${enc(code)}/report-form`, undefined, { quiet401: true })
// 联系卡二维码页：凭手机验证码反映问题（无需登录），返回工单号和回执页地址
export const publicReport = (code, body) => request('POST', `/public/cards/${enc(code)}/report`, { body, quiet401: true })
