// Away members (离乡不离党) and online study (网上学习). One named function per endpoint; views
// write no URLs.
import { api } from '../api'

// 流动党员列表（region_id）：去向、最近联系、逾期、仍联系的农户、参学
export const awayMembers = (query) => api.get('/away/members', query)
// 与流动党员的联系记录
export const contacts = (memberId) => api.get(`/away/members/${memberId}/contacts`)
// 登记联系（date、way、contact_by、note）
export const logContact = (memberId, body) => api.post(`/away/members/${memberId}/contacts`, body)
// 网上学习活动列表（region_id）
export const activities = (query) => api.get('/study/activities', query)
// 发布网上学习（org_id、title、material、link、opens_on、closes_on）
export const createActivity = (body) => api.post('/study/activities', body)
// 学习活动详情与参学名单
export const activity = (id) => api.get(`/study/activities/${id}`)
// 登记线下补学（member_id、note）
export const makeUp = (id, body) => api.post(`/study/activities/${id}/make-up`, body)
// 我的网上学习（党员本人）
export const myStudy = () => api.get('/study/my')
// 本人参学签到（note：学习心得）
export const attend = (id, note) => api.post(`/study/activities/${id}/attend`, { note })
// 党组织（发布学习时选择）
export const partyOrgs = () => api.get('/party/orgs')
