import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  type CreateBoardResponse,
  CreateBoardResponse as CreateBoardResponseSchema,
  ErrorBody,
  GetBoardResponse,
  tokenFromHash,
} from '../../shared/api.js'
import { BoardLinksResponse, JOIN_CODE_PATTERN } from '../../shared/facilitation.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let created: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi' } })
  created = CreateBoardResponseSchema.parse(await server.createBoard('Linkit'))
})
afterAll(() => server.close())

const getLinks = (token: string) =>
  server.app.inject({ url: `/api/boards/${created.board.id}/links`, headers: { authorization: `Bearer ${token}` } })

/** What a link's token opens, asked as the board page asks. */
async function roleOf(link: string): Promise<string | number> {
  const token = tokenFromHash(new URL(link).hash)
  const response = await server.app.inject({
    url: `/api/boards/${created.board.id}`,
    headers: { authorization: `Bearer ${token}` },
  })
  return response.statusCode === 200 ? GetBoardResponse.parse(response.json()).role : response.statusCode
}

test('creating a board gives a join code and link besides the three links', () => {
  expect(created.join.code).toMatch(JOIN_CODE_PATTERN)
  expect(created.join.link).toBe(`https://tilannekuva.example.fi/j/${created.join.code}`)
})

test('the facilitator gets the edit, view and join links of creation again, and they open the board', async () => {
  const response = await getLinks(created.tokens.facilitator)
  expect(response.statusCode).toBe(200)
  expect(response.headers['cache-control']).toBe('no-store')
  const { links } = BoardLinksResponse.parse(response.json())
  expect(links).toEqual({
    edit: created.links.edit,
    view: created.links.view,
    join: created.join.link,
    joinCode: created.join.code,
  })
  expect(await roleOf(links!.edit)).toBe('edit')
  expect(await roleOf(links!.view)).toBe('view')
  const joined = await server.app.inject({ url: new URL(links!.join).pathname })
  expect(joined.statusCode).toBe(302)
  expect(await roleOf(joined.headers.location as string)).toBe('edit')
})

test('edit and view links cannot read the links: 403', async () => {
  for (const role of ['edit', 'view'] as const) {
    const response = await getLinks(created.tokens[role])
    expect(response.statusCode).toBe(403)
    expect(ErrorBody.parse(response.json())).toEqual({ error: 'forbidden', message: `a ${role} link cannot do this` })
    const rotate = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${created.board.id}/links/rotate`,
      headers: { authorization: `Bearer ${created.tokens[role]}` },
      payload: { role: 'edit' },
    })
    expect(rotate.statusCode).toBe(403)
  }
  // Refused before anything changed: the edit link still opens the board.
  expect(await roleOf(created.links.edit)).toBe('edit')
})

test('the stored row holds the links only sealed: no token or join code in clear', async () => {
  const stored = await server.app.storage.getBoard(created.board.id)
  const row = JSON.stringify(stored)
  expect(stored!.sealedLinks).toMatch(/^v1\./)
  for (const secret of [created.tokens.edit, created.tokens.view, created.tokens.facilitator, created.join.code]) {
    expect(row).not.toContain(secret)
  }
})

test('rotating with a bad role is the uniform 400', async () => {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${created.board.id}/links/rotate`,
    headers: { authorization: `Bearer ${created.tokens.facilitator}` },
    payload: { role: 'facilitator' },
  })
  expect(response.statusCode).toBe(400)
  expect(ErrorBody.parse(response.json()).issues).toContainEqual(expect.objectContaining({ path: 'role' }))
})
