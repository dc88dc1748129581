// Year-end report and vote (述职评议): the staff's sessions and the public ballot page and results.
// One named function per endpoint; views write no URLs.
import { api, request } from '../api'

// 评议列表
export const votes = (query) => api.get('/votes', query)
// 新建评议
export const createVote = (body) => api.post('/votes', body)
// 评议详情（公布前无票数）
export const vote = (id) => api.get(`/votes/${id}`)
// 修改草稿：标题、述职报告、投票时间
export const updateVote = (id, body) => api.patch(`/votes/${id}`, body)
// 参评人员
export const voters = (id) => api.get(`/votes/${id}/voters`)
// 开始投票
export const openVote = (id) => api.post(`/votes/${id}/open`)
// 发放投票码（print / sms；只能发放一次）
export const issueCodes = (id, channel) => api.post(`/votes/${id}/issue`, { channel })
// 结束投票
export const closeVote = (id) => api.post(`/votes/${id}/close`)
// 公布结果
export const publishVote = (id) => api.post(`/votes/${id}/publish`)
// 投票页（公开）
export const publicVote = (id) => api.get(`/public/votes/${id}`, undefined, { quiet401: true })
// 投票（公开，凭投票码）
export const castBallot = (id, body) => request('POST', `/public/votes/${id}/ballot`, { body, quiet401: true })
// 村的已公布评议结果（公开栏）
export const villageVoteResults = (villageId) =>
  api.get(`/public/villages/${villageId}/vote-results`, undefined, { quiet401: true })
// 投票页的地址
export const ballotPagePath = (id) => `/v/${id}`
