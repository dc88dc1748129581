// Accounts in bulk (/users/import, /users/letters, /users/bulk).
import { postWithProgress, downloadPost, api } from '../api'

// 上传账号表（dry_run 只检查）
export const importAccounts = (body, callbacks) => postWithProgress('/users/import', body, callbacks)
// 打印激活通知书（PDF；生成新激活码，旧码作废）
export const printLetters = (userIds, sms = false) => downloadPost('/users/letters', { user_ids: userIds, sms })
// 批量停用、启用或调整管辖
export const bulkChange = (body) => api.post('/users/bulk', body)
