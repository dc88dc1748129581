// Surveys and evaluations (问卷与评议: 三问三解, 三有两评): the staff's surveys and results, the
// member's recording for a linked household, and the household's public answer page. One named
// function per endpoint; views write no URLs.
import { api, request, download } from '../api'

// 问卷列表
export const surveys = (query) => api.get('/surveys', query)
// 新建问卷（草稿）
export const createSurvey = (body) => api.post('/surveys', body)
// 问卷详情
export const survey = (id) => api.get(`/surveys/${id}`)
// 修改问卷草稿（含题目）
export const updateSurvey = (id, body) => api.put(`/surveys/${id}`, body)
// 开始问卷
export const openSurvey = (id) => api.post(`/surveys/${id}/open`)
// 结束问卷
export const closeSurvey = (id) => api.post(`/surveys/${id}/close`)
// 问卷结果
export const surveyResults = (id) => api.get(`/surveys/${id}/results`)
// 导出问卷结果（xlsx / csv）
export const exportResults = (id, format = 'xlsx') => download(`/surveys/${id}/results/export`, { format })
// 下载入户问卷码
export const downloadSlips = (id, villageId) =>
  download(`/surveys/${id}/slips.pdf`, villageId ? { village_id: villageId } : undefined)
// 各户答卷链接（按村）
export const householdLinks = (id, villageId) => api.get(`/surveys/${id}/links`, villageId ? { village_id: villageId } : undefined)
// 党员：联系户可答的问卷
export const householdSurveys = (householdId) => api.get(`/households/${householdId}/surveys`)
// 党员为联系户录入答卷
export const recordAnswers = (id, body) => api.post(`/surveys/${id}/answers`, body)
// 入户问卷页（公开，凭本户链接）
export const publicSurvey = (id, token) => api.get(`/public/surveys/${id}`, { t: token }, { quiet401: true })
// 本户答卷（公开）
export const answerSurvey = (id, body) => request('POST', `/public/surveys/${id}/answers`, { body, quiet401: true })
// 结果页的地址
export const resultsPath = (id) => `/surveys/${id}/results`
