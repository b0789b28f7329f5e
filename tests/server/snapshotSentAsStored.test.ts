import { afterAll, beforeAll, expect, test } from 'vitest'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
beforeAll(async () => {
  server = await buildTestApp()
})
afterAll(() => server.close())

test("an unloaded board's stored snapshot is sent byte for byte, not re-serialised", async () => {
  const { board, tokens } = await server.createBoard('Tallennettu')
  const headers = { authorization: `Bearer ${tokens.view}` }
  const first = await server.app.inject({ url: `/api/boards/${board.id}/snapshot`, headers })
  expect(first.statusCode).toBe(200)
  // Spacing and a title no serialiser would write: any parse and stringify on the way loses them.
  const json = first.body.replace(`"title":"Tallennettu"`, `"title" :  "Tallennettu sellaisenaan"`)
  expect(json).not.toBe(first.body)
  await server.app.storage.saveSnapshot(board.id, { json, builtFromSeq: await server.app.storage.lastSeq(board.id) })

  const response = await server.app.inject({ url: `/api/boards/${board.id}/snapshot`, headers })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(response.body).toBe(json)
  expect(BoardSnapshot.parse(response.json()).board.title).toBe('Tallennettu sellaisenaan')
})
