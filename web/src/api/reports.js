// Monthly ranking reports (月度通报): list, one month's figures, files, settings, generation. One
// named function per endpoint; views write no URLs.
import { api, download } from '../api'

// 月度通报列表（新月份在前）
export const list = () => api.get('/monthly-reports')
// 某月的月度通报（排名、环比、通报文字、走势）
export const get = (month) => api.get(`/monthly-reports/${month}`)
// 下载月度通报 PDF
export const downloadPdf = (month) => download(`/monthly-reports/${month}/pdf`)
// 下载月度通报 Excel
export const downloadXlsx = (month) => download(`/monthly-reports/${month}/xlsx`)
// 生成或重新生成某月的月度通报（管理员）
export const generate = (month) => api.post(`/monthly-reports/${month}/generate`, {})
// 排名设置：三率权重、排名门槛、点名数
export const settings = () => api.get('/monthly-reports/settings')
export const saveSettings = (body) => api.put('/monthly-reports/settings', body)
