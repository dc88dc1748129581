// System endpoints.
import { request } from '../api'

// 健康检查（是否开启开发短信发件箱）
export const health = () => request('GET', '/health', { quiet401: true })
