// Party roster (党员花名册) endpoints. One named function per endpoint; views write no URLs.
import { api, download } from '../api'

// 导入党员花名册（mode: dry_run 只检查、all_or_nothing、skip_invalid）
export const importPartyRoster = (body) => api.post('/party/roster/import', body)
// 导出党员花名册（下载文件，列与导入相同）
export const exportPartyRoster = (query) => download('/party/roster/export', query)
