import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

/** A GET with exactly the given headers; the body as sent (fetch would add Accept-Encoding and decode). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

let server: TestServer
let boardId: string
let token: string
beforeAll(async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Pakkaustesti')
  boardId = board.id
  token = tokens.edit
  const rows = Array.from({ length: 60 }, (_, i) => ({ category: 'need', text: `Tarve numero ${i}: lisää osaajia` }))
  const response = await fetch(`${server.url}/api/boards/${boardId}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  })
  expect(response.status).toBe(201)
})
afterAll(() => server?.close())

test('a large JSON answer is sent compressed for a browser that accepts it, and plain otherwise', async () => {
  const url = `${server.url}/api/boards/${boardId}/snapshot`
  const auth = { authorization: `Bearer ${token}` }
  const plain = await rawGet(url, auth)
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.length).toBeGreaterThan(2048)
  const snapshot: unknown = JSON.parse(plain.body.toString('utf8'))

  const brotli = await rawGet(url, { ...auth, 'accept-encoding': 'br, gzip' })
  expect(brotli.headers['content-encoding']).toBe('br')
  expect(brotli.headers.vary).toMatch(/accept-encoding/i)
  expect(brotli.body.length).toBeLessThan(plain.body.length / 2)
  expect(JSON.parse(zlib.brotliDecompressSync(brotli.body).toString('utf8'))).toEqual(snapshot)

  const gzip = await rawGet(url, { ...auth, 'accept-encoding': 'gzip' })
  expect(gzip.headers['content-encoding']).toBe('gzip')
  expect(JSON.parse(zlib.gunzipSync(gzip.body).toString('utf8'))).toEqual(snapshot)
})

test('the CSV export is compressed too; a small answer is not', async () => {
  const csv = await rawGet(`${server.url}/api/boards/${boardId}/export.csv`, {
    authorization: `Bearer ${token}`,
    'accept-encoding': 'gzip',
  })
  expect(csv.headers['content-type']).toMatch(/^text\/csv/)
  expect(csv.headers['content-encoding']).toBe('gzip')
  expect(zlib.gunzipSync(csv.body).toString('utf8')).toContain('Tarve numero 59: lisää osaajia')

  const health = await rawGet(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' })
  expect(health.headers['content-encoding']).toBeUndefined()
  expect(JSON.parse(health.body.toString('utf8'))).toEqual({ status: 'ok' })
})
