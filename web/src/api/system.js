// System endpoints.
import { request } from '../api'

// 健康检查（是否开启开发短信发件箱）
export const health = () => request('GET', '/health', { quiet401: true })

// 代码表及其中英文标签（免登录，启动时加载一次）
export const codes = () => request('GET', '/codes', { quiet401: true })
