// Registry endpoints: regions, households and residents, the roster, party, units, accounts and
// the audit log. One named function per endpoint; views write no URLs.
import { api, download, postWithProgress, request } from '../api'

// 首页概览（regions: true 时一并返回图表的下级区划及其统计）
export const overview = (query) => api.get('/overview', query)
// 区域列表（可按上级筛选）
export const regions = (query) => api.get('/regions', query)
// 区域详情及统计
export const region = (id) => api.get(`/regions/${id}`)
// 新建区划
export const createRegion = (body) => api.post('/regions', body)
// 导入区划树（统计用区划代码；dry_run 只检查）
export const importRegions = (body) => api.post('/regions/import', body)
// 修改区域层级名称
export const setRegionLevels = (body) => request('PUT', '/region-levels', { body })
// 户标签
export const tags = () => api.get('/tags')
// 户列表、一框查询
export const households = (query) => api.get('/households', query)
// 居民列表（姓名、拼音、电话查找）
export const residents = (query) => api.get('/residents', query)
// 户详情（成员、时间线）
export const household = (id) => api.get(`/households/${id}`)
// 新增户
export const createHousehold = (body) => api.post('/households', body)
// 新增家庭成员
export const addResident = (householdId, body) => api.post(`/households/${householdId}/residents`, body)
// 查看完整证件号、电话（留痕）
export const revealResident = (id) => api.post(`/residents/${id}/reveal`)
// 人员迁出、迁入
export const moveResident = (id, body) => api.post(`/residents/${id}/move`, body)
// 导出花名册（下载文件）
export const exportRoster = (query) => download('/roster/export', query)
// 导入花名册（先检查，再导入）；progress: { onUpload(sent, total), onSent() }
export const importRoster = (body, progress) => postWithProgress('/roster/import', body, progress)
// 花名册上传的检查进度（按上传时的 progress_key）
export const rosterProgress = (key) => api.get(`/roster/import/progress/${encodeURIComponent(key)}`)
// 党组织
export const partyOrgs = (query) => api.get('/party/orgs', query)
// 党员列表
export const partyMembers = (query) => api.get('/party/members', query)
// 党员详情
export const partyMember = (id) => api.get(`/party/members/${id}`)
// 单位名录
export const units = (query) => api.get('/units', query)
// 单位详情及人员
export const unit = (id) => api.get(`/units/${id}`)
// 新建单位
export const createUnit = (body) => api.post('/units', body)
// 设置单位办公时间（如 08:30-12:00,13:30-17:30、每天 07:00-19:00、24h）
export const setUnitOfficeHours = (unitId, officeHours) => api.put(`/units/${unitId}/office_hours`, { office_hours: officeHours })
// 单位添加人员
export const addUnitStaff = (unitId, body) => api.post(`/units/${unitId}/staff`, body)
// 账号列表
export const users = (query) => api.get('/users', query)
// 新建账号
export const createUser = (body) => api.post('/users', body)
// 修改账号
export const updateUser = (id, body) => api.patch(`/users/${id}`, body)
// 操作日志
export const audit = (query) => api.get('/audit', query)
// 修改户（地址、标签、位置）
export const updateHousehold = (id, body) => api.patch(`/households/${id}`, body)
// 修改居民
export const updateResident = (id, body) => api.patch(`/residents/${id}`, body)
// 登记死亡（注销出户）
export const markDeceased = (id, body) => api.post(`/residents/${id}/deceased`, body)
// 新建党组织（党支部、党小组）
export const createPartyOrg = (body) => api.post('/party/orgs', body)
// 修改党组织（名称、负责人）
export const updatePartyOrg = (id, body) => api.patch(`/party/orgs/${id}`, body)
// 党组织详情（下级党小组、党员）
export const partyOrg = (id) => api.get(`/party/orgs/${id}`)
// 修改党员（状态、流动、联系户数、所在组织）
export const updatePartyMember = (id, body) => api.patch(`/party/members/${id}`, body)
