// Rules for web/src that the browser tests cannot see: views and components write no API URLs
// (every endpoint is a named function in src/api/<area>.js), and nothing in the web lists roles
// (menus, routes and buttons follow the permissions GET /auth/me returns).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFiles } from './source-files.mjs'

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')


const rel = (f) => path.relative(SRC, f)
// The transport (src/api.js) and the area modules (src/api/*.js) are where URLs live.
const isApiModule = (f) => rel(f) === 'api.js' || rel(f).startsWith(`api${path.sep}`)

function offendingLines(file, pattern, { skipImports = false } = {}) {
  // Comments may name the modules; only code counts.
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line))
    .filter(({ line }) => !(skipImports && /^\s*import\b/.test(line)) && pattern.test(line))
    .map(({ line, n }) => `${rel(file)}:${n}: ${line.trim()}`)
}

test('views and components write no API URLs', () => {
  const files = sourceFiles().filter((f) => !isApiModule(f))
  assert.ok(files.some((f) => f.endsWith('.vue')), 'found the .vue files')
  // '/api/' anywhere, fetch(), or a transport call given a path literal.
  const pattern = /\/api\/|\bfetch\(|\b(api\.(get|post|patch|put|del)|request|download)\(\s*['"`]\//
  const hits = files.flatMap((f) => offendingLines(f, pattern, { skipImports: true }))
  assert.deepEqual(hits, [], 'call a named function of src/api/<area>.js instead')
})

test('only src/api/ uses the transport', () => {
  const files = sourceFiles().filter((f) => !isApiModule(f))
  // Importing api/request/download from src/api.js, or using the `api` object (even split over lines).
  const pattern = /import\s*\{[^}]*\b(api|request|download)\b[^}]*\}\s*from\s*'(\.\.?\/)+api'|(?<![\w.])api\s*(\.|$)/
  const hits = files.flatMap((f) => offendingLines(f, pattern))
  assert.deepEqual(hits, [], 'views use src/api/<area>.js')
})

test('the web lists no roles: it shows and hides by permissions alone', () => {
  // A form's role field (the account being edited) is data, not a check of who is signed in.
  const pattern = /ROLE_SETS|(?<!form\.|\bf\.)\brole\s*[!=]==|\.includes\([^)]*\brole\)|\buser\.role\s*[!=]=/
  const hits = sourceFiles().flatMap((f) => offendingLines(f, pattern))
  assert.deepEqual(hits, [], 'use can(permission) from src/auth.js')
})

test('every permission the web names is in the server matrix (src/domain/authz.cpp)', () => {
  const authz = fs.readFileSync(path.join(SRC, '..', '..', 'src', 'domain', 'authz.cpp'), 'utf8')
  const known = new Set([...authz.matchAll(/\{P::k\w+,\s*"([a-z0-9_.]+)"/g)].map((m) => m[1]))
  assert.ok(known.has('registry.read') && known.has('matter.intake'), 'read the permission table')
  const unknown = []
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8')
    const named = []
    for (const m of text.matchAll(/\bcan\(\s*(\[[^\]]*\]|'[^']*')\s*\)/g)) named.push(...[...m[1].matchAll(/'([^']*)'/g)].map((q) => q[1]))
    for (const m of text.matchAll(/\b(?:perm|unless):\s*(\[[^\]]*\]|'[^']*')/g)) named.push(...[...m[1].matchAll(/'([^']*)'/g)].map((q) => q[1]))
    for (const name of named) if (!known.has(name)) unknown.push(`${rel(file)}: ${name}`)
  }
  assert.deepEqual(unknown, [])
})
