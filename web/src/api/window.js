// Window-service endpoints: time slots and appointments (预约), errands (代办). One named
// function per endpoint; views write no URLs.
import { api } from '../api'

// 单位的预约时段
export const slots = (unitId, query) => api.get(`/units/${unitId}/slots`, query)
// 新建预约时段
export const createSlot = (unitId, body) => api.post(`/units/${unitId}/slots`, body)
// 时段的预约名单
export const appointments = (slotId) => api.get(`/slots/${slotId}/appointments`)
// 预约时段
export const book = (slotId, body) => api.post(`/slots/${slotId}/appointments`, body)
// 预约办结、取消
export const updateAppointment = (id, body) => api.patch(`/appointments/${id}`, body)
// 代办列表
export const errands = (query) => api.get('/errands', query)
// 代办登记
export const createErrand = (body) => api.post('/errands', body)
// 代办更新（状态、材料）
export const updateErrand = (id, body) => api.patch(`/errands/${id}`, body)
