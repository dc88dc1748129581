// Postings (驻村干部) and target-responsibility agreements (目标责任书). One named function per
// endpoint; views write no URLs.
import { api } from '../api'

// 派驻记录列表（region_id、role、current、user_id、分页）
export const postings = (query) => api.get('/postings', query)
// 可派驻的工作人员账号
export const candidates = () => api.get('/postings/candidates')
// 派驻干部
export const createPosting = (body) => api.post('/postings', body)
// 派驻记录及其目标责任书
export const posting = (id) => api.get(`/postings/${id}`)
// 结束派驻
export const endPosting = (id, to) => api.post(`/postings/${id}/end`, { to })
// 起草目标责任书
export const createAgreement = (postingId, body) => api.post(`/postings/${postingId}/agreements`, body)
// 目标责任书
export const agreement = (id) => api.get(`/agreements/${id}`)
// 修改目标责任书（未签订时）
export const updateAgreement = (id, body) => api.put(`/agreements/${id}`, body)
// 签订目标责任书
export const signAgreement = (id, signedOn) => api.post(`/agreements/${id}/sign`, { signed_on: signedOn })
// 目标责任书 PDF 的地址
export const agreementPdfUrl = (id) => `/api/v1/agreements/${id}/agreement.pdf`
// 公开栏：在岗村级事务助理及其已签订的责任书（无需登录）
export const publicAssistant = (villageId) => api.get(`/public/board/${villageId}/assistant`, undefined, { quiet401: true })
