// Catalogue endpoints: matter categories, routing rules and the working-day calendar. One named
// function per endpoint; views write no URLs.
import { api, request } from '../api'

// 诉求分类
export const categories = () => api.get('/categories')
// 新建分类
export const createCategory = (body) => api.post('/categories', body)
// 修改分类
export const updateCategory = (id, body) => api.patch(`/categories/${id}`, body)
// 派单规则
export const routingRules = () => api.get('/routing-rules')
// 新建派单规则
export const createRoutingRule = (body) => api.post('/routing-rules', body)
// 删除派单规则
export const deleteRoutingRule = (id) => api.del(`/routing-rules/${id}`)
// 工作日历（节假日、调休）
export const calendar = (query) => api.get('/calendar', query)
// 设置某天为节假日或调休工作日
export const setCalendarDay = (date, body) => request('PUT', `/calendar/${date}`, { body })
// 恢复某天为平常日
export const deleteCalendarDay = (date) => api.del(`/calendar/${date}`)
// 导入节假日表
export const importCalendar = (body) => api.post('/calendar/import', body)
