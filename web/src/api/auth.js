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
// 发送手机验证码（公开；purpose: signup 注册、login 登录、report 扫码反映问题，后者带 card_code）
export const phoneCode = (body) => request('POST', '/public/phone-codes', { body, quiet401: true })
// 群众用手机号和验证码注册（公开），成功即登录
export const signup = (body) => request('POST', '/public/signup', { body, quiet401: true })
// 验证码登录
export const phoneLogin = (phone, code) =>
  request('POST', '/auth/phone-login', { body: { phone, code, client: 'web' }, quiet401: true })
