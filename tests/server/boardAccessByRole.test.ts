import { afterAll, beforeAll, expect, test } from 'vitest'
import { type CreateBoardResponse, ErrorBody, type Role } from '../../shared/api.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let created: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp()
  // A route as a feature plugin would add one: it names the roles it allows and reads the access.
  server.app.get(
    '/api/boards/:boardId/facilitation',
    { config: { boardAccess: ['facilitator'] } },
    async (request) => ({
      board: request.boardAccess.board.id,
      role: request.boardAccess.role,
    }),
  )
  created = await server.createBoard('Roolit')
})
afterAll(() => server.close())

const bearer = (role: Role) => ({ authorization: `Bearer ${created.tokens[role]}` })

test('a route opens only with the roles it allows, and its handler sees the board and role', async () => {
  const url = `/api/boards/${created.board.id}/facilitation`
  const allowed = await server.app.inject({ url, headers: bearer('facilitator') })
  expect(allowed.statusCode).toBe(200)
  expect(allowed.json()).toEqual({ board: created.board.id, role: 'facilitator' })
  for (const role of ['edit', 'view'] as const) {
    const refused = await server.app.inject({ url, headers: bearer(role) })
    expect(refused.statusCode).toBe(403)
    expect(ErrorBody.parse(refused.json())).toEqual({ error: 'forbidden', message: `a ${role} link cannot do this` })
  }
})

test('a view link cannot import notes: 403 and nothing stored', async () => {
  const before = await server.app.storage.loadUpdates(created.board.id)
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${created.board.id}/notes`,
    headers: bearer('view'),
    payload: [{ category: 'need', text: 'Ei saa tulla' }],
  })
  expect(response.statusCode).toBe(403)
  expect(ErrorBody.parse(response.json()).error).toBe('forbidden')
  expect((await server.app.storage.loadUpdates(created.board.id)).updates).toHaveLength(before.updates.length)
})

test('access is decided before the body is read: no token and an oversized body is 401, not 413', async () => {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${created.board.id}/notes`,
    headers: { 'content-type': 'text/csv' },
    payload: 'x'.repeat(3 * 1024 * 1024),
  })
  expect(response.statusCode).toBe(401)
  expect(ErrorBody.parse(response.json()).error).toBe('unauthorized')
})

test('a route that reads request.boardAccess without opting in fails loudly', async () => {
  const other = await buildTestApp()
  other.app.get('/api/boards/:boardId/forgot', async (request) => request.boardAccess.role)
  const response = await other.app.inject({ url: `/api/boards/${created.board.id}/forgot` })
  expect(response.statusCode).toBe(500)
  await other.close()
})
