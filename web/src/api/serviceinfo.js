// On duty and public service information: centres' duty rosters (值班表) and badges (工作牌),
// service guides (办事指南 / 明白纸), and their public pages. One named function per endpoint;
// views write no URLs.
import { api, download } from '../api'

// 服务中心值班表（默认本周，from=YYYY-MM-DD，days=1..31）
export const duty = (unitId, query) => api.get(`/units/${unitId}/duty`, query)
// 保存值班安排（一天或一周）：{ days: [{ date, leader_user_id, staff: [{ user_id, post }] }] }
export const saveDuty = (unitId, days) => api.put(`/units/${unitId}/duty`, { days })
// 复制一周的值班安排（两个星期一）
export const copyWeek = (unitId, fromWeek, toWeek) =>
  api.post(`/units/${unitId}/duty/copy-week`, { from_week: fromWeek, to_week: toWeek })
// 可安排值班的人员（本中心、本乡镇的工作人员账号）
export const candidates = (unitId) => api.get(`/units/${unitId}/duty/candidates`)
// 下载工作牌 PDF（某日全部值班人员，或选定的人）
export const downloadBadges = (unitId, date, userIds) =>
  download(`/units/${unitId}/duty/badges.pdf`, { date, user_ids: userIds && userIds.length ? userIds.join(',') : undefined })

// 办事指南（本辖区及上级，含草稿）
export const guides = () => api.get('/guides')
// 一份办事指南
export const guide = (id) => api.get(`/guides/${id}`)
// 新建办事指南
export const createGuide = (body) => api.post('/guides', body)
// 修改、发布或撤回办事指南
export const updateGuide = (id, body) => api.put(`/guides/${id}`, body)
// 下载办事指南明白纸 PDF（含草稿）
export const downloadGuidePdf = (id) => download(`/guides/${id}/guide.pdf`)

// 公开：服务中心今日值班和本周安排（免登录）
export const publicDuty = (unitId) => api.get(`/public/centres/${unitId}/duty`, undefined, { quiet401: true })
// 公开：某地（县、乡镇或村）适用的办事指南（免登录；公开栏用村的编号）
export const publicGuides = (regionId) => api.get(`/public/regions/${regionId}/guides`, undefined, { quiet401: true })
// 公开：一份办事指南（免登录）
export const publicGuide = (id) => api.get(`/public/guides/${id}`, undefined, { quiet401: true })
// 公开：办事指南明白纸 PDF 的地址（免登录，直接打开打印）
export const publicGuidePdfUrl = (id) => `/api/v1/public/guides/${id}/guide.pdf`
