// Service providers (服务商): list with rating and flag, profile, suspension, the county's standard,
// the public list. One named function per endpoint; views write no URLs.
import { api } from '../api'

// 服务商列表（from、to：统计期间）
export const providers = (query) => api.get('/providers', query)
// 登记服务商（unit_id 或 new_unit、category_ids、region_ids、commitments、joined）
export const register = (body) => api.post('/providers', body)
// 服务商详情：资料、评价、群众签字记录
export const provider = (id, query) => api.get(`/providers/${id}`, query)
// 修改服务商资料
export const update = (id, body) => api.put(`/providers/${id}`, body)
// 暂停服务商（reason）
export const suspend = (id, reason) => api.post(`/providers/${id}/suspend`, { reason })
// 恢复服务商（reason）
export const reinstate = (id, reason) => api.post(`/providers/${id}/reinstate`, { reason })
// 服务商考核标准
export const standard = () => api.get('/providers/standard')
// 设置服务商考核标准（min_satisfied_percent、min_ratings）
export const putStandard = (body) => api.put('/providers/standard', body)
// 公开：在服务的服务商（无需登录）
export const publicProviders = () => api.get('/public/providers')
// 单位名录（选择已有企业单位）
export const units = () => api.get('/units')
