// Window ratings (窗口评价) and the suggestion box (意见箱). One named function per endpoint;
// views write no URLs.
import { api, request, ApiError } from '../api'

const enc = encodeURIComponent

// 回执二维码页：本次窗口服务（及其评价码）
export const receiptService = (number, token) => api.get(`/public/window-ratings/receipt/${enc(number)}`, { t: token }, { quiet401: true })
// 评价页：按评价码查看本次服务
export const service = (token) => api.get(`/public/window-ratings/${enc(token)}`, undefined, { quiet401: true })
// 评价本次窗口服务
export const rate = (token, body) => request('POST', `/public/window-ratings/${enc(token)}`, { body, quiet401: true })
// 窗口评价器提交：不带本机登录（评价的权利来自评价码，不来自工作人员的登录）
export async function rateOnTablet(token, body) {
  let res
  try {
    res = await fetch(`/api/v1/public/window-ratings/${enc(token)}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, { code: 'network', message: '网络错误，请稍后再试' })
  }
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, data && data.error)
  return data
}
// 窗口评价器：本人最近一次服务
export const tablet = () => api.get('/window-ratings/tablet')
// 窗口评价统计（按人员、按中心）
export const stats = (query) => api.get('/window-ratings/stats', query)
// 窗口评价明细
export const list = (query) => api.get('/window-ratings', query)
// 意见箱：可选的服务中心
export const centres = () => api.get('/public/service-centres', undefined, { quiet401: true })
// 意见箱：留下意见
export const suggest = (body) => request('POST', '/public/suggestions', { body, quiet401: true })
// 意见列表
export const suggestions = (query) => api.get('/suggestions', query)
// 意见标记已阅、答复
export const handleSuggestion = (id, body) => api.post(`/suggestions/${id}/handle`, body)
