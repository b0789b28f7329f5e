import { afterAll, beforeAll, expect, test } from 'vitest'
import { CreateBoardResponse, ErrorBody, TITLE_MAX_LENGTH } from '../../shared/api.js'
import { hashToken } from '../../server/auth/tokens.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let withPublicUrl: TestApp
beforeAll(async () => {
  server = await buildTestApp()
  withPublicUrl = await buildTestApp({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi/' } })
})
afterAll(async () => {
  await server.close()
  await withPublicUrl.close()
})

const post = (target: TestApp, body: string, contentType = 'application/json') =>
  target.app.inject({ method: 'POST', url: '/api/boards', headers: { 'content-type': contentType }, payload: body })

test('creating a board returns it with three distinct long tokens and links', async () => {
  const response = await post(server, JSON.stringify({ title: '  Keski-Suomen tilannekuva 2026  ' }))
  expect(response.statusCode).toBe(201)
  const created = CreateBoardResponse.parse(response.json())
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
  ['empty title', { title: '   ' }, { path: 'title', code: 'required' }],
  [
    'too long title',
    { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) },
    { path: 'title', code: 'too_long', params: { field: 'title', max: TITLE_MAX_LENGTH } },
  ],
  ['missing title', {}, { path: 'title', code: 'required' }],
  ['title of the wrong type', { title: 42 }, { path: 'title', code: 'invalid_type' }],
  ['unknown template', { title: 'T', template: 'nope' }, { path: 'template', code: 'invalid_value' }],
  ['unknown field', { title: 'T', owner: 'me' }, { path: '', code: 'unknown_field', params: { field: 'owner' } }],
])('%s gets 400 naming the field with a code', async (_what, body, problem) => {
  const response = await post(server, JSON.stringify(body))
  expect(response.statusCode).toBe(400)
  const error = ErrorBody.parse(response.json())
  expect(error).toMatchObject({ error: 'bad_request', message: 'invalid request body' })
  expect(error.issues).toContainEqual(expect.objectContaining(problem))
})

test('a title of exactly the maximum length is accepted', async () => {
  const response = await post(server, JSON.stringify({ title: 'ä'.repeat(TITLE_MAX_LENGTH) }))
  expect(response.statusCode).toBe(201)
})

test('invalid JSON gets 400 with a JSON error body', async () => {
  const response = await post(server, '{"title": ')
  expect(response.statusCode).toBe(400)
  expect(ErrorBody.parse(response.json())).toMatchObject({
    error: 'bad_request',
    message: 'request body is not valid JSON',
  })
})

test('a body that is not JSON gets 415, an oversized one 413', async () => {
  const wrongType = await post(server, 'title=x', 'text/plain')
  expect(wrongType.statusCode).toBe(415)
  expect(ErrorBody.parse(wrongType.json()).error).toBe('unsupported_media_type')
  const noType = await server.app.inject({ method: 'POST', url: '/api/boards', payload: Buffer.from('{"title":"x"}') })
  expect(noType.statusCode).toBe(415)
  const huge = await post(server, JSON.stringify({ title: 'x'.repeat(100_000) }))
  expect(huge.statusCode).toBe(413)
  expect(ErrorBody.parse(huge.json()).error).toBe('payload_too_large')
})

test('unknown API routes get a JSON 404; health answers ok', async () => {
  const missing = await server.app.inject('/api/nothing')
  expect(missing.statusCode).toBe(404)
  expect(ErrorBody.parse(missing.json()).error).toBe('not_found')
  const health = await server.app.inject('/api/health')
  expect(health.statusCode).toBe(200)
  expect(health.json()).toEqual({ status: 'ok' })
})
