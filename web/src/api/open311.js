// Open311 GeoReport v2 API keys (外部系统接入密钥), administrators only.
import { request } from '../api'

// 接口密钥列表（前缀、创建人、创建时间、最近使用、请求次数、是否吊销）
export const listKeys = () => request('GET', '/open311/keys')
// 创建接口密钥（完整密钥只在返回中出现一次）
export const createKey = (name) => request('POST', '/open311/keys', { body: { name } })
// 吊销接口密钥
export const revokeKey = (id) => request('POST', `/open311/keys/${id}/revoke`)
