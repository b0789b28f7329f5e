import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { precompressDir } from '../../scripts/precompress.mjs'
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** The bytes as sent, not decoded. */
  body: Buffer
}

/** A GET with exactly the given headers (fetch would add its own Accept-Encoding and decode). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        )
      })
      .on('error', reject)
  })
}

// A built client in miniature: a hashed script and stylesheet, a font, and the app page.
const clientDir = makeTempDir('tilannekuva-client-')
const script = Buffer.from(
  Array.from({ length: 400 }, (_, i) => `export const value${i} = 'tilannekuva ${i % 7}';\n`).join(''),
)
const stylesheet = Buffer.from('.tk-note { color: #123456; }\n'.repeat(200))
const font = crypto.randomBytes(20_000)
const assets = path.join(clientDir, 'assets')

let server: TestServer
beforeAll(async () => {
  fs.mkdirSync(assets)
  fs.writeFileSync(path.join(assets, 'index-AbC123xy.js'), script)
  fs.writeFileSync(path.join(assets, 'index-Zz9Yy8Xx.css'), stylesheet)
  fs.writeFileSync(path.join(assets, 'Font-Q1w2E3r4.woff2'), font)
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>')
  await precompressDir(clientDir)
  server = await startTestServer({ serveClient: true, config: { clientDir } })
})
afterAll(async () => {
  await server?.close()
  fs.rmSync(clientDir, { recursive: true, force: true })
})

const IMMUTABLE = 'public, max-age=31536000, immutable'

describe('static assets are sent pre-compressed and cached by their hashed names', () => {
  test('the build step wrote brotli and gzip copies of text files only', () => {
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(assets, 'index-AbC123xy.js.br')))).toEqual(script)
    expect(zlib.gunzipSync(fs.readFileSync(path.join(assets, 'index-AbC123xy.js.gz')))).toEqual(script)
    expect(fs.existsSync(path.join(assets, 'Font-Q1w2E3r4.woff2.br'))).toBe(false)
    expect(fs.existsSync(path.join(clientDir, 'index.html.br'))).toBe(false)
  })

  test('brotli when the browser accepts it', async () => {
    const response = await rawGet(`${server.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip, deflate, br' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers['content-type']).toMatch(/^(application|text)\/javascript/)
    expect(response.headers['cache-control']).toBe(IMMUTABLE)
    expect(response.body.length).toBeLessThan(script.length / 4)
    expect(zlib.brotliDecompressSync(response.body)).toEqual(script)
  })

  test('gzip when only gzip is accepted', async () => {
    const response = await rawGet(`${server.url}/assets/index-Zz9Yy8Xx.css`, { 'accept-encoding': 'gzip' })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers['content-type']).toMatch(/^text\/css/)
    expect(response.headers['cache-control']).toBe(IMMUTABLE)
    expect(zlib.gunzipSync(response.body)).toEqual(stylesheet)
  })

  test('the plain file when no encoding is accepted, still marked as varying by it', async () => {
    const response = await rawGet(`${server.url}/assets/index-AbC123xy.js`)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers['cache-control']).toBe(IMMUTABLE)
    expect(response.body).toEqual(script)
  })

  test('a font is sent as it is, immutable', async () => {
    const response = await rawGet(`${server.url}/assets/Font-Q1w2E3r4.woff2`, { 'accept-encoding': 'br, gzip' })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers['cache-control']).toBe(IMMUTABLE)
    expect(response.body).toEqual(font)
  })

  test('the app page is revalidated on every visit', async () => {
    for (const pagePath of ['/', '/b/AbCdEfGhIjKlMnOp']) {
      const response = await rawGet(`${server.url}${pagePath}`, { 'accept-encoding': 'br, gzip' })
      expect(response.status).toBe(200)
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expect(response.body.toString('utf8')).toContain('<meta name="tilannekuva-config"')
    }
  })
})
