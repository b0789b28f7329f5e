import { afterAll, beforeAll, expect, test } from 'vitest'
import { type CreateBoardResponse, ErrorBody } from '../../shared/api.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let created: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp()
  created = await server.createBoard('Pyynnöt')
})
afterAll(() => server.close())

// ErrorBody is strict about each issue's shape: { path, code, params?, message }.
const badRequest = (body: string) => {
  const error = ErrorBody.parse(JSON.parse(body))
  expect(error.error).toBe('bad_request')
  return error
}

test('a body that fails its route schema gets one 400 shape on every route', async () => {
  const board = await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: 7, colour: 'red' } })
  expect(board.statusCode).toBe(400)
  const boardError = badRequest(board.body)
  expect(boardError.message).toBe('invalid request body')
  expect(boardError.issues).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: 'title', code: 'invalid_type' }),
      expect.objectContaining({ path: '', code: 'unknown_field', params: { field: 'colour' } }),
    ]),
  )

  const notes = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${created.board.id}/notes`,
    headers: { authorization: `Bearer ${created.tokens.edit}` },
    payload: { category: 'need', text: 'not in an array' },
  })
  expect(notes.statusCode).toBe(400)
  const notesError = badRequest(notes.body)
  expect(notesError.message).toBe('invalid request body')
  expect(notesError.issues).toEqual([
    { path: '', code: 'invalid', message: 'send a JSON array of notes, or CSV (text/csv)' },
  ])
})

test('a websocket query string of the wrong shape is refused before the upgrade', async () => {
  const response = await server.app.inject({ url: `/sync/${created.board.id}?token=a&token=b` })
  expect(response.statusCode).toBe(400)
  const error = badRequest(response.body)
  expect(error.message).toBe('invalid query string')
  expect(error.issues).toContainEqual(expect.objectContaining({ path: 'token', code: 'invalid_type' }))
})
