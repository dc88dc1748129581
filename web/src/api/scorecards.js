// Scorecards (考核) of postings: ranking, card, manual actuals, county defaults. One named function
// per endpoint; views write no URLs.
import { api, download } from '../api'

// 考核排名（region_id、role、year、from、to）
export const ranking = (query) => api.get('/scorecards', query)
// 导出考核排名（Excel）
export const exportRanking = (query) => download('/scorecards/export', query)
// 一名派驻干部的考核记分卡（year、from、to）
export const card = (postingId, query) => api.get(`/scorecards/${postingId}`, query)
// 人工填报（year、kind、actual、note；actual 为 null 时撤销）
export const setManual = (postingId, body) => api.put(`/scorecards/${postingId}/manual`, body)
// 全县考核默认权重和目标
export const settings = () => api.get('/scorecards/settings')
export const saveSettings = (items) => api.put('/scorecards/settings', { items })
