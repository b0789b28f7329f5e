import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type CreateBoardResponse, ErrorBody, GetBoardResponse } from '../../shared/api.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { buildTestApp, startTestServer, type TestApp, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor } from '../helpers/yclient.js'

let server: TestServer
let boardId: string
let tokens: { facilitator: string; edit: string; view: string }

beforeAll(async () => {
  server = await startTestServer()
  const created = await server.createBoard('Pääsy')
  boardId = created.board.id
  tokens = created.tokens
})
afterAll(() => server.close())

describe('websocket', () => {
  test.each([
    [
      'a wrong token',
      () => `${server.syncUrl}/${boardId}?token=${'x'.repeat(43)}`,
      CloseCode.unauthorized,
      CloseReason.unauthorized,
    ],
    ['no token', () => `${server.syncUrl}/${boardId}`, CloseCode.unauthorized, CloseReason.unauthorized],
    [
      "another board's token",
      () => `${server.syncUrl}/${boardId}?token=OTHER`,
      CloseCode.unauthorized,
      CloseReason.unauthorized,
    ],
    [
      'an unknown board',
      () => `${server.syncUrl}/AAAAAAAAAAAAAAAA?token=${tokens.edit}`,
      CloseCode.boardNotFound,
      CloseReason.boardNotFound,
    ],
    [
      'a malformed board id',
      () => `${server.syncUrl}/..%2F..%2Fetc?token=${tokens.edit}`,
      CloseCode.boardNotFound,
      CloseReason.boardNotFound,
    ],
  ])('%s is refused with its named close code', async (_what, url, code, reason) => {
    const other = await server.createBoard('Toinen')
    const raw = await openRawSocket(url().replace('OTHER', other.tokens.facilitator))
    expect(await raw.closed).toEqual({ code, reason })
    // Nothing of the board was sent before the refusal.
    expect(raw.frames).toHaveLength(0)
  })

  test('a stock y-websocket client sees the close code and is never synced', async () => {
    const client = connectClient(server.syncUrl, boardId, 'wrong')
    await waitFor(() => client.closes.length > 0, 'close event')
    expect(client.closes[0]!.code).toBe(CloseCode.unauthorized)
    expect(client.provider.synced).toBe(false)
    client.destroy()
  })
})

describe('REST', () => {
  let http: TestApp
  let restBoard: CreateBoardResponse
  beforeAll(async () => {
    http = await buildTestApp()
    restBoard = await http.createBoard('Pääsy')
  })
  afterAll(() => http.close())

  const get = (url: string, auth?: string) =>
    http.app.inject({ method: 'GET', url, ...(auth ? { headers: { authorization: auth } } : {}) })

  test('each token opens the board with its role', async () => {
    for (const role of ['facilitator', 'edit', 'view'] as const) {
      const response = await get(`/api/boards/${restBoard.board.id}`, `Bearer ${restBoard.tokens[role]}`)
      expect(response.statusCode).toBe(200)
      const body = GetBoardResponse.parse(response.json())
      expect(body.role).toBe(role)
      expect(body.board).toMatchObject({
        id: restBoard.board.id,
        title: 'Pääsy',
        template: 'tilannekuva',
        language: 'fi',
      })
      expect(response.body).not.toContain(restBoard.tokens[role])
    }
  })

  const boardUrls = (id: string) => [`/api/boards/${id}`, `/api/boards/${id}/snapshot`, `/api/boards/${id}/export.csv`]

  test('on every board route, missing and wrong tokens get 401, unknown and malformed boards 404', async () => {
    const other = await http.createBoard('Toinen')
    for (const url of boardUrls(restBoard.board.id)) {
      for (const auth of [
        undefined,
        'Bearer nope',
        `Basic ${restBoard.tokens.edit}`,
        `Bearer ${other.tokens.facilitator}`,
      ]) {
        const response = await get(url, auth)
        expect(response.statusCode, `${url} ${auth}`).toBe(401)
        expect(ErrorBody.parse(response.json()).error).toBe('unauthorized')
      }
    }
    for (const id of ['AAAAAAAAAAAAAAAA', 'not-a-board-id']) {
      for (const url of boardUrls(id)) {
        const response = await get(url, `Bearer ${restBoard.tokens.edit}`)
        expect(response.statusCode, url).toBe(404)
        expect(ErrorBody.parse(response.json()).error).toBe('not_found')
      }
    }
  })
})
