// Sign-in and session endpoints (/auth/*).
import { request, api } from '../api'

// 当前用户、CSRF 令牌和权限
export const me = () => request('GET', '/auth/me', { quiet401: true })
// 登录
export const login = (username, password) =>
  request('POST', '/auth/login', { body: { username, password, client: 'web' }, quiet401: true })
// 退出登录
export const logout = () => api.post('/auth/logout')
// 凭激活码激活账号并设置密码（公开）
export const activate = (username, code, password) =>
  request('POST', '/auth/activate', { body: { username, code, password, client: 'web' }, quiet401: true })
