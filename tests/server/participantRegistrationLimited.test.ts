import { afterEach, expect, test } from 'vitest'
import { type CreateBoardResponse, ErrorBody } from '../../shared/api.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
afterEach(() => server?.close())

const register = (board: CreateBoardResponse, remoteAddress: string, name = 'Aino') =>
  server.app.inject({
    method: 'POST',
    url: `/api/boards/${board.board.id}/participants`,
    headers: { authorization: `Bearer ${board.tokens.edit}` },
    payload: { name, group: 'municipality' },
    remoteAddress,
  })

// Before: any link holder could register identities on a board without end.
test('a board holds MAX_PARTICIPANTS_PER_BOARD identities; one more is 409 limit_reached, also when asked at once', async () => {
  server = await buildTestApp({ env: { MAX_PARTICIPANTS_PER_BOARD: '3' } })
  const board = await server.createBoard('Työpaja')
  const other = await server.createBoard('Toinen')
  // Five devices at the same moment: the count holds however their requests interleave.
  const answers = await Promise.all(
    Array.from({ length: 5 }, (_, i) => register(board, `192.0.2.${i + 1}`, `Henkilö ${i}`)),
  )
  expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 201, 201, 409, 409])
  const refused = answers.find((answer) => answer.statusCode === 409)!
  expect(ErrorBody.parse(refused.json())).toEqual({
    error: 'limit_reached',
    message: expect.stringMatching(/as many registered participants/),
  })
  expect(await server.app.storage.countParticipants(board.board.id)).toBe(3)
  expect((await register(other, '192.0.2.9')).statusCode).toBe(201)
})

test('an address may register PARTICIPANTS_PER_HOUR_PER_IP identities an hour; then 429 with Retry-After', async () => {
  server = await buildTestApp({ env: { PARTICIPANTS_PER_HOUR_PER_IP: '2' } })
  const board = await server.createBoard('Työpaja')
  expect((await register(board, '198.51.100.1')).statusCode).toBe(201)
  expect((await register(board, '198.51.100.1')).statusCode).toBe(201)
  const refused = await register(board, '198.51.100.1')
  expect(refused.statusCode).toBe(429)
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
  expect(ErrorBody.parse(refused.json()).error).toBe('rate_limited')
  expect((await register(board, '198.51.100.2')).statusCode).toBe(201)
})

test('by default a whole workshop behind one address registers: 300 people from one venue NAT', async () => {
  server = await buildTestApp()
  const board = await server.createBoard('Iso työpaja')
  for (let i = 0; i < 300; i++) expect((await register(board, '203.0.113.50', `Henkilö ${i}`)).statusCode).toBe(201)
})
