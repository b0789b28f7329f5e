import { afterAll, beforeAll, expect, test } from 'vitest'
import { generateJoinCode } from '../../server/auth/joinCode.js'
import { type CreateBoardResponse, ErrorBody } from '../../shared/api.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let created: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp()
  created = await server.createBoard('Arvaukset')
})
afterAll(() => server.close())

const open = (code: string, remoteAddress: string) => server.app.inject({ url: `/j/${code}`, remoteAddress })

function wrongCode(): string {
  for (;;) {
    const code = generateJoinCode()
    if (code !== created.join.code) return code
  }
}

test('a whole room behind one address opening the right code is never limited', async () => {
  for (let i = 0; i < 100; i++) expect((await open(created.join.code, '192.0.2.10')).statusCode).toBe(302)
})

test('after 30 wrong codes an address is refused with 429 for every code, the right one too; others are not', async () => {
  const guesser = '198.51.100.7'
  for (let i = 0; i < 30; i++) expect((await open(wrongCode(), guesser)).statusCode).toBe(404)
  const refused = await open(wrongCode(), guesser)
  expect(refused.statusCode).toBe(429)
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
  expect(ErrorBody.parse(refused.json()).error).toBe('rate_limited')
  // A hit must look like a miss, or the limit would not slow guessing.
  expect((await open(created.join.code, guesser)).statusCode).toBe(429)
  expect((await open(created.join.code, '198.51.100.8')).statusCode).toBe(302)
})

test('the limit is on /j/ only: the same address still reaches the API', async () => {
  const guesser = '203.0.113.9'
  for (let i = 0; i < 31; i++) await open(wrongCode(), guesser)
  expect((await open(wrongCode(), guesser)).statusCode).toBe(429)
  const api = await server.app.inject({
    url: `/api/boards/${created.board.id}`,
    headers: { authorization: `Bearer ${created.tokens.edit}` },
    remoteAddress: guesser,
  })
  expect(api.statusCode).toBe(200)
  expect((await server.app.inject({ url: '/api/time', remoteAddress: guesser })).statusCode).toBe(200)
})
