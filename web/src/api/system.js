// System endpoints.
import { request } from '../api'

// 健康检查（是否开启开发短信发件箱）
export const health = () => request('GET', '/health', { quiet401: true })

// 代码表及其中英文标签（免登录，启动时加载一次）
export const codes = () => request('GET', '/codes', { quiet401: true })

// 对外网址（二维码和链接的前缀）：管理员查看、设置
export const publicUrl = () => request('GET', '/system/public-url')
export const setPublicUrl = (url) => request('PUT', '/system/public-url', { body: { public_url: url } })
// 按月分区（PostgreSQL；SQLite 不分区）：管理员查看
export const partitions = () => request('GET', '/system/partitions')
// 区域层级及名称（免登录）
export const regionLevels = () => request('GET', '/region-levels', { quiet401: true })
