import { afterAll, beforeAll, expect, test } from 'vitest'
import { CreateBoardResponse, ErrorBody, TITLE_MAX_LENGTH } from '../../shared/api.js'
import { hashToken } from '../../server/auth/tokens.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let withPublicUrl: TestServer
beforeAll(async () => {
  server = await startTestServer()
  withPublicUrl = await startTestServer({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi/' } })
})
afterAll(async () => {
  await server.close()
  await withPublicUrl.close()
})

const post = (target: TestServer, body: string, contentType = 'application/json') =>
  fetch(`${target.url}/api/boards`, { method: 'POST', headers: { 'content-type': contentType }, body })

test('creating a board returns it with three distinct long tokens and links', async () => {
  const response = await post(server, JSON.stringify({ title: '  Keski-Suomen tilannekuva 2026  ' }))
  expect(response.status).toBe(201)
  const created = CreateBoardResponse.parse(await response.json())
  expect(created.board.title).toBe('Keski-Suomen tilannekuva 2026')
  expect(created.board.template).toBe('tilannekuva')
  expect(created.board.language).toBe('fi')
  const tokens = Object.values(created.tokens)
  expect(new Set(tokens).size).toBe(3)
  // >= 128 bits: 32 random bytes in base64url are 43 characters.
  for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(created.links.edit).toBe(`/b/${created.board.id}#token=${created.tokens.edit}`)
})

test('tokens are stored only as hashes', async () => {
  const created = await server.createBoard('Hash')
  const stored = await server.app.storage.getBoard(created.board.id)
  expect(stored!.tokenHashes.edit).toBe(hashToken(created.tokens.edit))
  expect(JSON.stringify(stored)).not.toContain(created.tokens.edit)
})

test('links are absolute when PUBLIC_URL is set', async () => {
  const created = await withPublicUrl.createBoard('Julkinen')
  expect(created.links.view).toBe(`https://tilannekuva.example.fi/b/${created.board.id}#token=${created.tokens.view}`)
})

test.each([
  ['empty title', JSON.stringify({ title: '   ' }), 'title'],
  ['too long title', JSON.stringify({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }), 'title'],
  ['missing title', JSON.stringify({}), 'title'],
  ['title of the wrong type', JSON.stringify({ title: 42 }), 'title'],
  ['unknown template', JSON.stringify({ title: 'T', template: 'nope' }), 'template'],
  ['unknown field', JSON.stringify({ title: 'T', owner: 'me' }), ''],
])('%s gets 400 naming the field', async (_what, body, field) => {
  const response = await post(server, body)
  expect(response.status).toBe(400)
  const error = ErrorBody.parse(await response.json())
  expect(error.error).toBe('bad_request')
  if (field) expect(error.issues?.map((issue) => issue.path)).toContain(field)
})

test('a title of exactly the maximum length is accepted', async () => {
  const response = await post(server, JSON.stringify({ title: 'ä'.repeat(TITLE_MAX_LENGTH) }))
  expect(response.status).toBe(201)
})

test('invalid JSON gets 400 with a JSON error body', async () => {
  const response = await post(server, '{"title": ')
  expect(response.status).toBe(400)
  expect(ErrorBody.parse(await response.json())).toMatchObject({ error: 'bad_request', message: 'request body is not valid JSON' })
})

test('a body that is not JSON gets 415, an oversized one 413', async () => {
  const wrongType = await post(server, 'title=x', 'text/plain')
  expect(wrongType.status).toBe(415)
  expect(ErrorBody.parse(await wrongType.json()).error).toBe('unsupported_media_type')
  const huge = await post(server, JSON.stringify({ title: 'x'.repeat(100_000) }))
  expect(huge.status).toBe(413)
  expect(ErrorBody.parse(await huge.json()).error).toBe('payload_too_large')
})

test('unknown API routes get a JSON 404; health answers ok', async () => {
  const missing = await fetch(`${server.url}/api/nothing`)
  expect(missing.status).toBe(404)
  expect(ErrorBody.parse(await missing.json()).error).toBe('not_found')
  const health = await fetch(`${server.url}/api/health`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok' })
})
