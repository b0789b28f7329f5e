import { afterAll, beforeAll, expect, test } from 'vitest'
import { generateToken, hashToken } from '../../server/auth/tokens.js'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { GetBoardResponse, tokenFromHash } from '../../shared/api.js'
import { BoardLinksResponse } from '../../shared/facilitation.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'
import { storedBoard } from '../helpers/storedBoard.js'

// A board as the server stored it before links were sealed: three token hashes, nothing else.
const boardId = 'oldboardoldboard'
const tokens = { facilitator: generateToken(), edit: generateToken(), view: generateToken() }
let server: TestApp
beforeAll(async () => {
  const storage = new MemoryStorage()
  await storage.createBoard(
    {
      ...storedBoard(boardId, 'Vanha'),
      tokenHashes: {
        facilitator: hashToken(tokens.facilitator),
        edit: hashToken(tokens.edit),
        view: hashToken(tokens.view),
      },
    },
    // An empty Yjs update.
    new Uint8Array([0, 0]),
  )
  server = await buildTestApp({ storage })
})
afterAll(() => server.close())

const asFacilitator = { authorization: `Bearer ${tokens.facilitator}` }
const links = async () =>
  BoardLinksResponse.parse(
    (await server.app.inject({ url: `/api/boards/${boardId}/links`, headers: asFacilitator })).json(),
  ).links
const rotate = async (role: 'edit' | 'view') => {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${boardId}/links/rotate`,
    headers: asFacilitator,
    payload: { role },
  })
  expect(response.statusCode).toBe(200)
  return BoardLinksResponse.parse(response.json()).links
}
const roleOf = async (token: string | null) => {
  const response = await server.app.inject({
    url: `/api/boards/${boardId}`,
    headers: { authorization: `Bearer ${token}` },
  })
  return response.statusCode === 200 ? GetBoardResponse.parse(response.json()).role : response.statusCode
}

test('an old board has no links to show until both its edit and view links were rotated, one at a time', async () => {
  expect(await links()).toBeNull()
  expect(await roleOf(tokens.edit)).toBe('edit')

  // Rotating edit replaces only the edit link (and gives the board a join code); view is still unknown.
  expect(await rotate('edit')).toBeNull()
  expect(await links()).toBeNull()
  expect(await roleOf(tokens.edit)).toBe(401)
  expect(await roleOf(tokens.view)).toBe('view')

  const shown = await rotate('view')
  expect(shown).not.toBeNull()
  expect(await links()).toEqual(shown)
  expect(await roleOf(tokens.view)).toBe(401)
  expect(await roleOf(tokenFromHash(new URL(shown!.edit, 'http://x').hash))).toBe('edit')
  expect(await roleOf(tokenFromHash(new URL(shown!.view, 'http://x').hash))).toBe('view')
  expect(await roleOf(shown!.joinCode)).toBe('edit')
  const joined = await server.app.inject({ url: `/j/${shown!.joinCode}` })
  expect(joined.headers.location).toBe(`/b/${boardId}#token=${shown!.joinCode}`)
})
