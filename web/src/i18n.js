import { ref } from 'vue'
import network from './i18n/network'
import matters from './i18n/matters'
import security from './i18n/security'

// A deliberately tiny dictionary: Chinese is the primary language, English the switch.
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('mq_lang') : null
export const lang = ref(saved === 'en' ? 'en' : 'zh')

export function setLang(l) {
  lang.value = l === 'en' ? 'en' : 'zh'
  localStorage.setItem('mq_lang', lang.value)
  document.documentElement.lang = lang.value === 'en' ? 'en' : 'zh-CN'
}

const dict = {
  ...network,
  ...matters,
  ...security,
  product: ['民情 · 联系服务群众平台', 'Minqing · Citizen Contact & Service Platform'],
  productShort: ['民情', 'Minqing'],
  login: ['登录', 'Log in'],
  loginTitle: ['账号登录', 'Sign in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  logout: ['退出登录', 'Log out'],
  loginFailed: ['登录失败', 'Login failed'],
  required: ['必填', 'Required'],
  navHome: ['首页概览', 'Overview'],
  navMenu: ['菜单', 'Menu'],
  navHouseholds: ['户籍登记', 'Households'],
  navRegions: ['区域', 'Regions'],
  navParty: ['党组织', 'Party'],
  navUnits: ['单位', 'Units'],
  navUsers: ['用户管理', 'Users'],
  navAudit: ['操作日志', 'Audit log'],
  language: ['语言', 'Language'],
  households: ['户数', 'Households'],
  residents: ['人口', 'Residents'],
  partyMembers: ['党员', 'Party members'],
  villages: ['村（社区）', 'Villages'],
  chartTitle: ['各区域户数', 'Households per region'],
  noData: ['暂无数据', 'No data'],
  lookupPlaceholder: ['姓名 / 拼音首字母 / 电话 / 身份证号 / 地址', 'Name / pinyin initials / phone / ID card / address'],
  search: ['查询', 'Search'],
  reset: ['重置', 'Reset'],
  allRegions: ['全部区域', 'All regions'],
  regionTree: ['区域', 'Regions'],
  tags: ['标签', 'Tags'],
  tagFilter: ['按标签筛选', 'Filter by tag'],
  number: ['户编号', 'Household no.'],
  address: ['地址', 'Address'],
  head: ['户主', 'Head'],
  memberCount: ['人数', 'Members'],
  region: ['所属区域', 'Region'],
  updatedAt: ['更新时间', 'Updated'],
  newHousehold: ['新增户', 'New household'],
  members: ['家庭成员', 'Members'],
  name: ['姓名', 'Name'],
  idCard: ['身份证号', 'ID card'],
  phone: ['电话', 'Phone'],
  relation: ['与户主关系', 'Relation'],
  sex: ['性别', 'Sex'],
  birthDate: ['出生日期', 'Birth date'],
  addMember: ['添加成员', 'Add member'],
  remove: ['删除', 'Remove'],
  cancel: ['取消', 'Cancel'],
  save: ['保存', 'Save'],
  create: ['新建', 'Create'],
  edit: ['编辑', 'Edit'],
  actions: ['操作', 'Actions'],
  saved: ['已保存', 'Saved'],
  created: ['已创建', 'Created'],
  close: ['关闭', 'Close'],
  rosterExport: ['导出花名册', 'Export roster'],
  rosterExported: ['已导出', 'Exported'],
  rosterImport: ['导入花名册', 'Import roster'],
  rosterImportTitle: ['导入户籍花名册', 'Import a household roster'],
  rosterImportHint: [
    '每行一位居民，列为：户编号、所属区域代码、地址、户标签、姓名、性别、出生日期、身份证号、联系电话、与户主关系（可先导出一份作为模板）。支持 .xlsx 和 .csv，文件不超过 6 MB；整县的大文件请用命令行 minqing import。先检查，确认无误后再导入。',
    'One resident per row; columns: household number, region code, address, tags, name, sex, birth date, ID number, phone, relation to head (export one first as a template). .xlsx or .csv up to 6 MB; for a whole county use the command `minqing import`. Check first, then import.',
  ],
  rosterCheck: ['检查', 'Check'],
  rosterChoose: ['选择文件', 'Choose a file'],
  rosterNoFile: ['未选择文件', 'No file chosen'],
  rosterRow: ['行', 'Row'],
  rosterColumn: ['列', 'Column'],
  rosterReason: ['问题', 'Problem'],
  rosterRows: ['共 {rows} 行，其中有错误 {invalid} 行', '{rows} rows, {invalid} with problems'],
  rosterWould: ['可导入：新户 {created}，追加居民的已有户 {extended}，居民 {residents}；跳过的户 {skipped}', 'Importable: {created} new households, {extended} existing households extended, {residents} residents; {skipped} households skipped'],
  rosterDone: ['已导入：新户 {created}，追加居民的已有户 {extended}，居民 {residents}；跳过的户 {skipped}', 'Imported: {created} new households, {extended} existing households extended, {residents} residents; {skipped} households skipped'],
  rosterMoreProblems: ['只列出前 1000 个问题，共 {n} 个', 'Only the first 1000 of {n} problems are listed'],
  rosterImportAll: ['导入', 'Import'],
  rosterImportValid: ['跳过有错误的户，导入其余', 'Skip households with problems, import the rest'],
  rosterImported: ['花名册已导入', 'Roster imported'],
  rosterTooBig: ['文件超过 6 MB，请按乡镇或村拆分，或用命令行 minqing import', 'The file is over 6 MB: split it, or use `minqing import`'],
  rosterUnreadable: ['文件无法读取', 'The file cannot be read'],
  fixErrors: ['请修正以下问题', 'Please fix the following'],
  back: ['返回', 'Back'],
  household: ['户', 'Household'],
  householdInfo: ['户信息', 'Household'],
  forbiddenHousehold: ['无权查看该户', 'You may not view this household'],
  forbiddenHint: ['该户不在您的管辖范围内。', 'This household is outside your area.'],
  notFoundHousehold: ['该户不存在', 'Household not found'],
  notFoundHint: ['请检查户编号或返回列表。', 'Check the id or go back to the list.'],
  reveal: ['显示', 'Show'],
  revealNotice: ['查看完整号码将被记录', 'Viewing full numbers is recorded'],
  revealConfirm: ['查看完整身份证号和电话将被记录在操作日志中，是否继续？', 'Viewing the full ID card and phone number is recorded in the audit log. Continue?'],
  confirm: ['确认', 'Confirm'],
  move: ['迁移', 'Move'],
  moveMember: ['迁移成员', 'Move member'],
  targetHousehold: ['迁入户', 'Target household'],
  leaveRegistry: ['迁出本系统（不迁入任何户）', 'Leave the registry'],
  reason: ['原因', 'Reason'],
  history: ['变更记录', 'History'],
  moveIn: ['迁入', 'moved in'],
  moveOut: ['迁出', 'moved out'],
  noHistory: ['暂无记录', 'No history'],
  counts: ['统计', 'Counts'],
  createChild: ['新增下级区域', 'Add child region'],
  level: ['层级', 'Level'],
  code: ['代码', 'Code'],
  lat: ['纬度', 'Latitude'],
  lng: ['经度', 'Longitude'],
  selectRegion: ['请选择左侧区域', 'Select a region on the left'],
  partyOrgs: ['党组织', 'Party organisations'],
  selectOrg: ['请选择党组织', 'Select an organisation'],
  org: ['所属组织', 'Organisation'],
  status: ['状态', 'Status'],
  away: ['流动', 'Away'],
  capacity: ['可联系户数', 'Capacity'],
  canTake: ['可联系户', 'Can take households'],
  joinedOn: ['入党日期', 'Joined'],
  memberDetail: ['党员详情', 'Member detail'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  units: ['单位', 'Units'],
  unitName: ['单位名称', 'Unit name'],
  kind: ['类型', 'Kind'],
  staffCount: ['人员数', 'Staff'],
  staff: ['工作人员', 'Staff'],
  title: ['职务', 'Title'],
  userId: ['用户ID', 'User id'],
  newUnit: ['新增单位', 'New unit'],
  addStaff: ['添加人员', 'Add staff'],
  selectUnit: ['请选择单位', 'Select a unit'],
  users: ['用户', 'Users'],
  newUser: ['新增用户', 'New user'],
  editUser: ['编辑用户', 'Edit user'],
  displayName: ['姓名', 'Display name'],
  role: ['角色', 'Role'],
  scope: ['管辖区域', 'Scope region'],
  scopeUnit: ['所属单位', 'Unit'],
  residentId: ['居民ID', 'Resident id'],
  active: ['启用', 'Active'],
  createdAt: ['创建时间', 'Created'],
  newPassword: ['新密码（留空不修改）', 'New password (blank = unchanged)'],
  currentScope: ['当前', 'Current'],
  entity: ['对象类型', 'Entity'],
  entityId: ['对象ID', 'Entity id'],
  time: ['时间', 'Time'],
  user: ['用户', 'User'],
  action: ['操作', 'Action'],
  channel: ['渠道', 'Channel'],
  before: ['修改前', 'Before'],
  after: ['修改后', 'After'],
  error: ['出错了', 'Error'],
  networkError: ['网络错误，请稍后再试', 'Network error, please retry'],
  total: ['共', 'Total'],
}

export function t(key) {
  const row = dict[key]
  if (!row) return key
  return lang.value === 'en' ? row[1] : row[0]
}

const roleLabels = {
  admin: ['系统管理员', 'Administrator'],
  leader: ['领导', 'Leader'],
  centre_staff: ['服务中心工作人员', 'Service centre staff'],
  unit_handler: ['单位经办人', 'Unit handler'],
  village_assistant: ['村级助理', 'Village assistant'],
  party_member: ['党员', 'Party member'],
  resident: ['群众', 'Resident'],
}
export const roles = Object.keys(roleLabels)
export function roleLabel(role, fallback) {
  const row = roleLabels[role]
  if (!row) return fallback || role
  if (lang.value === 'zh' && fallback) return fallback
  return lang.value === 'en' ? row[1] : row[0]
}

const levelLabels = {
  county: ['县', 'County'], township: ['乡镇', 'Township'],
  village: ['村（社区）', 'Village'], group: ['组', 'Group'],
}
export const levels = Object.keys(levelLabels)
export function levelLabel(level, fallback) {
  const row = levelLabels[level]
  if (!row) return fallback || level
  return lang.value === 'en' ? row[1] : (fallback || row[0])
}
