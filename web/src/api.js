// Thin fetch wrapper for /api/v1. The session lives in an HttpOnly cookie; the CSRF token is
// kept in memory and sessionStorage (restored from GET /auth/me after a reload).
let csrfToken = sessionStorage.getItem('mq_csrf') || ''
let onUnauthorized = () => {}

export function setCsrfToken(token) {
  csrfToken = token || ''
  if (csrfToken) sessionStorage.setItem('mq_csrf', csrfToken)
  else sessionStorage.removeItem('mq_csrf')
}

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

export class ApiError extends Error {
  constructor(status, error) {
    super((error && error.message) || `HTTP ${status}`)
    this.status = status
    this.code = (error && error.code) || ''
    this.details = (error && error.details) || []
  }
}

function buildQuery(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => params.append(k, x))
    else params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

export async function request(method, path, { body, query, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(`/api/v1${path}${buildQuery(query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: '网络错误，请稍后再试' })
  }
  let data = null
  const text = await res.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data && data.error)
    if (res.status === 401 && !quiet401) onUnauthorized(err)
    throw err
  }
  return data
}

// Fetches a file answer; an error answer throws ApiError like request().
async function fetchFile(url, init) {
  let res
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: '网络错误，请稍后再试' })
  }
  if (!res.ok) {
    let data = null
    try {
      data = await res.json()
    } catch {
      data = null
    }
    const err = new ApiError(res.status, data && data.error)
    if (res.status === 401) onUnauthorized(err)
    throw err
  }
  return res
}

// Hands a file answer to the browser under the server's file name (Content-Disposition's
// filename*, else filename); returns that name.
async function saveFile(res) {
  const disposition = res.headers.get('Content-Disposition') || ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename="([^"]+)"/i.exec(disposition)
  const name = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : 'download'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}

// Downloads a file answer (an export) and hands it to the browser under the server's file name;
// an error answer throws ApiError like request().
export async function download(path, query) {
  return saveFile(await fetchFile(`/api/v1${path}${buildQuery(query)}`))
}

// POSTs a JSON body and downloads the file the answer carries (a PDF made for this request, such
// as activation letters), as download() does; an error answer throws ApiError like request().
export async function downloadPost(path, body) {
  const res = await fetchFile(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body ?? {}),
  })
  return saveFile(res)
}

// POST with a JSON body through XMLHttpRequest, which reports upload progress (fetch does not):
// onUpload(sent, total) as the body goes out, onSent() once the server has it all. Answers and
// errors as request() gives them.
export function postWithProgress(path, body, { onUpload, onSent } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1${path}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.withCredentials = true
    if (onUpload) xhr.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : 0)
    if (onSent) xhr.upload.onload = () => onSent()
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', message: '网络错误，请稍后再试' }))
    xhr.onload = () => {
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data)
      const err = new ApiError(xhr.status, data && data.error)
      if (xhr.status === 401) onUnauthorized(err)
      reject(err)
    }
    xhr.send(JSON.stringify(body ?? {}))
  })
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { query, ...opts }),
  post: (path, body) => request('POST', path, { body: body ?? {} }),
  patch: (path, body) => request('PATCH', path, { body: body ?? {} }),
  put: (path, body) => request('PUT', path, { body: body ?? {} }),
  del: (path) => request('DELETE', path),
}

// A picked file's bytes as base64 (the API's upload bodies carry files so).
export function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).split(',')[1] || '')
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

// Field errors from error.details, keyed by field name.
export function fieldErrors(err) {
  const out = {}
  for (const d of (err && err.details) || []) {
    if (d && d.field && !out[d.field]) out[d.field] = d.message || d.code
  }
  return out
}

// The number the server gave in error.details under field (retry_after_seconds, attempts_left), or
// null when it gave none.
export function errorDetail(err, field) {
  const found = ((err && err.details) || []).find((d) => d && d.field === field)
  return found ? Number(found.message) : null
}
