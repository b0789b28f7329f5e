// Static files are sent pre-compressed (the server picks the `.br` or `.gz` copy by the request's
// Accept-Encoding), so the server never compresses a static file on the fly.
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

// Fonts and images are compressed formats already; index.html is sent by the server with its
// runtime configuration injected, and is small.
const COMPRESSIBLE = /\.(js|mjs|css|json|svg|txt|map|wasm)$/
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

const ENCODERS = {
  '.br': (raw) =>
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  '.gz': (raw) => gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
}

async function writeCompressed(file, suffix) {
  const target = file + suffix
  const sourceTime = fs.statSync(file).mtimeMs
  if ((fs.statSync(target, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= sourceTime) return
  const raw = fs.readFileSync(file)
  const packed = await ENCODERS[suffix](raw)
  // Not worth a second copy (and its negotiation) when it saves less than a tenth.
  if (packed.length < raw.length * 0.9) fs.writeFileSync(target, packed)
}

/**
 * Writes a brotli (`.br`, best quality) and a gzip (`.gz`) copy beside every compressible file
 * under `dir` that has none or an older one. Returns the compressed files' paths.
 */
export async function precompressDir(dir) {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => COMPRESSIBLE.test(file) && fs.statSync(file).isFile())
  await Promise.all(files.flatMap((file) => Object.keys(ENCODERS).map((suffix) => writeCompressed(file, suffix))))
  return files
}
