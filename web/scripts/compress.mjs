// Writes a brotli (.br) and a gzip (.gz) sibling of every text asset in web/dist after the build,
// with node's own zlib at the highest levels (done once per build, so the server sends them as
// they are: src/http/static_files.cpp picks the variant the browser accepts). A sibling that
// would not be smaller is not written. Usage: node scripts/compress.mjs [dist directory]
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(process.argv[2] || path.join(here, '..', 'dist'))
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.ico', '.map'])

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* files(full)
    else if (TEXT.has(path.extname(entry.name))) yield full
  }
}

let before = 0
let afterBr = 0
let afterGz = 0
for (const file of files(dist)) {
  const raw = fs.readFileSync(file)
  const variants = [
    ['.br', zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    })],
    ['.gz', zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION })],
  ]
  before += raw.length
  for (const [suffix, packed] of variants) {
    const target = file + suffix
    if (packed.length < raw.length) fs.writeFileSync(target, packed)
    else fs.rmSync(target, { force: true })
    const sent = Math.min(packed.length, raw.length)
    if (suffix === '.br') afterBr += sent
    else afterGz += sent
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`
console.log(`compress: ${kb(before)} of text assets → ${kb(afterBr)} brotli, ${kb(afterGz)} gzip`)
