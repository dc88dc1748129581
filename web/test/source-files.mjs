// Shared by the web unit tests (not a test file itself): every .vue and .js file under web/src.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')

export function sourceFiles(dir = SRC) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(full))
    else if (/\.(vue|js)$/.test(entry.name)) out.push(full)
  }
  return out
}
