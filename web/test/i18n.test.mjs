// The dictionaries (src/i18n/<namespace>.js, read as <namespace>.<key>): no key is defined twice,
// every row has Chinese and English, and every key the views name exists.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { sourceFiles } from './source-files.mjs'

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')
const I18N = path.join(SRC, 'i18n')
const namespaces = fs.readdirSync(I18N).filter((f) => f.endsWith('.js')).map((f) => f.replace(/\.js$/, ''))

async function tables() {
  const out = {}
  for (const ns of namespaces) out[ns] = (await import(pathToFileURL(path.join(I18N, `${ns}.js`)))).default
  return out
}

test('src/i18n.js reads every namespace file', () => {
  const main = fs.readFileSync(path.join(SRC, 'i18n.js'), 'utf8')
  for (const ns of namespaces) assert.match(main, new RegExp(`import ${ns} from './i18n/${ns}'`), ns)
})

test('no key is defined twice in a namespace', () => {
  // A JavaScript object keeps the last of two equal keys without a word: read the source text.
  const dupes = []
  for (const ns of namespaces) {
    const seen = new Set()
    for (const m of fs.readFileSync(path.join(I18N, `${ns}.js`), 'utf8').matchAll(/^ {2}([A-Za-z0-9_]+):/gm)) {
      if (seen.has(m[1])) dupes.push(`${ns}.${m[1]}`)
      seen.add(m[1])
    }
  }
  assert.deepEqual(dupes, [])
})

test('every row has Chinese and English', async () => {
  const bad = []
  for (const [ns, table] of Object.entries(await tables())) {
    for (const [key, row] of Object.entries(table)) {
      // English may be empty where Chinese needs a suffix English does not (月 after a number).
      const ok = Array.isArray(row) && row.length === 2 && typeof row[0] === 'string' && row[0].trim() && typeof row[1] === 'string'
      if (!ok) bad.push(`${ns}.${key}`)
    }
  }
  assert.deepEqual(bad, [])
})

test('every key the views and components name exists', async () => {
  const dict = new Set()
  for (const [ns, table] of Object.entries(await tables())) for (const key of Object.keys(table)) dict.add(`${ns}.${key}`)
  const nsAlt = namespaces.join('|')
  const isKey = new RegExp(`^(${nsAlt})\\.[A-Za-z0-9_]+$`)
  const missing = []
  const bare = []
  for (const file of sourceFiles().filter((f) => !f.startsWith(I18N))) {
    const text = fs.readFileSync(file, 'utf8')
    const rel = path.relative(SRC, file)
    // Keys are named inside t(...) (also as `a ? 'x' : 'y'` or `map[k] || 'x'`) and as the label
    // of a menu entry, tab or tile (`label: 'x'`); permission names and error codes look alike
    // but stand elsewhere.
    const named = []
    for (const m of text.matchAll(/\bt\(((?:[^()]|\([^()]*\))*)\)/g)) {
      for (const q of m[1].matchAll(/'([^']*)'/g)) named.push(q[1])
      const literal = /^'([^']*)'$/.exec(m[1].trim())
      if (literal && !isKey.test(literal[1])) bare.push(`${rel}: ${literal[1]}`)
    }
    for (const m of text.matchAll(/\b(?:label|success): '([^']*)'/g)) if (isKey.test(m[1])) named.push(m[1])
    for (const key of named) if (isKey.test(key) && !dict.has(key)) missing.push(`${rel}: ${key}`)
  }
  assert.deepEqual(missing, [], 'keys missing from src/i18n/')
  assert.deepEqual(bare, [], 'keys without a namespace')
})
