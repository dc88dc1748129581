// Matter (诉求) endpoints: intake, lists, handling, sign-off, supervision, callbacks, the three
// rates and the resident's public page. One named function per endpoint; views write no URLs.
import { api, request, download } from '../api'

const enc = encodeURIComponent

// 诉求列表（筛选、分页）
export const list = (query) => api.get('/matters', query)
// 诉求详情
export const get = (id) => api.get(`/matters/${id}`)
// 按工单号查诉求
export const byNumber = (number) => api.get(`/matters/by-number/${enc(number)}`)
// 按工单号或其日期、序号部分查找诉求（一框查询）
export const numberLookup = (q) => api.get('/matters/number-lookup', { q })
// 我的待办计数（工作台）
export const workload = () => api.get('/matters/workload')
// 受理前查重、派单预览
export const intakePreview = (query) => api.get('/matters/intake-preview', query)
// 受理诉求
export const create = (body) => api.post('/matters', body)
// 导出诉求列表（下载文件）
export const exportList = (query) => download('/matters/export', query)
// 可派单的承办单位
export const handlingUnits = () => api.get('/matters/units')
// 派单
export const dispatch = (id, body) => api.post(`/matters/${id}/dispatch`, body)
// 签收
export const accept = (id) => api.post(`/matters/${id}/accept`)
// 转办
export const transfer = (id, body) => api.post(`/matters/${id}/transfer`, body)
// 退单
export const returnMatter = (id, body) => api.post(`/matters/${id}/return`, body)
// 办理过程
export const addStep = (id, body) => api.post(`/matters/${id}/steps`, body)
// 答复
export const reply = (id, body) => api.post(`/matters/${id}/reply`, body)
// 当场办结
export const closeOnSpot = (id, body) => api.post(`/matters/${id}/close-on-spot`, body)
// 合并到另一件诉求
export const merge = (id, body) => api.post(`/matters/${id}/merge`, body)
// 督办
export const supervise = (id, body) => api.post(`/matters/${id}/supervise`, body)
// 窗口录入群众的签字验证码
export const confirmCode = (id, body) => api.post(`/matters/${id}/confirm-code`, body)
// 群众本人用本户账户确认办结
export const confirm = (id, body) => api.post(`/matters/${id}/confirm`, body)
// 群众签字页预览（签字方式、当前用户可做什么）
export const publicPreview = (id) => api.get(`/matters/${id}/public-preview`)
// 发送签字验证码
export const sendSignOffCode = (id) => api.post(`/matters/${id}/sign-off-code`)
// 回访
export const callback = (id, body) => api.post(`/matters/${id}/callback`, body)
// 上传附件
export const uploadAttachment = (id, body) => api.post(`/matters/${id}/attachments`, body)
// 诉求的延期和办结类型申请
export const requests = (id) => api.get(`/matters/${id}/requests`)
// 承办单位申请延期
export const askExtension = (id, body) => api.post(`/matters/${id}/extension`, body)
// 派单员审批延期申请
export const decideExtension = (id, body) => api.post(`/matters/${id}/extension/decide`, body)
// 承办单位申请办结类型（挂账、不属实、不属于受理范围）
export const proposeOutcome = (id, body) => api.post(`/matters/${id}/outcome`, body)
// 领导审批办结类型
export const decideOutcome = (id, body) => api.post(`/matters/${id}/outcome/decide`, body)
// 督办清单（逾期、临期、升级、督办中）
export const supervision = (query) => api.get('/supervision', query)
// 立即运行逾期升级
export const runEscalation = (body) => api.post('/escalation/run', body)
// 回访任务
export const callbacks = (query) => api.get('/callbacks', query)
// 完成回访任务
export const recordCallback = (id, body) => api.post(`/callbacks/${id}`, body)
// 领导看板
export const dashboard = (query) => api.get('/dashboard', query)
// 导出三率（下载文件）
export const exportRates = (query) => download('/rates/export', query)
// 群众查看诉求（二维码页，无需登录）
export const publicMatter = (number, query) => api.get(`/public/matters/${enc(number)}`, query, { quiet401: true })
// 群众获取签字验证码（无需登录）
export const publicSendCode = (number, body) =>
  request('POST', `/public/matters/${enc(number)}/code`, { body, quiet401: true })
// 群众签字确认（无需登录）
export const publicConfirm = (number, body) =>
  request('POST', `/public/matters/${enc(number)}/confirm`, { body, quiet401: true })
// 附件的地址（图片预览、下载）
export const attachmentUrl = (id) => `/api/v1/attachments/${id}`
// 增加协办单位
export const addAssist = (id, body) => api.post(`/matters/${id}/assists`, body)
// 撤销协办单位
export const removeAssist = (id, body) => api.post(`/matters/${id}/assist-remove`, body)
// 协办单位签收
export const assistAccept = (id) => api.post(`/matters/${id}/assist-accept`)
// 协办单位记录办理过程
export const assistStep = (id, body) => api.post(`/matters/${id}/assist-steps`, body)
// 提交协办意见
export const assistReport = (id, body) => api.post(`/matters/${id}/assist-report`, body)
// 提出争议
export const raiseDispute = (id, body) => api.post(`/matters/${id}/dispute`, body)
// 裁定争议
export const arbitrate = (id, body) => api.post(`/matters/${id}/arbitrate`, body)
// 待裁定的争议
export const disputes = (query) => api.get('/matters/disputes', query)
// 转办、退单理由与次数上限
export const routeSettings = () => api.get('/matters/route-settings')
// 维护转办、退单理由与次数上限
export const putRouteSettings = (body) => api.put('/matters/route-settings', body)
