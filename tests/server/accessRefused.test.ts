import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
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
    ['a wrong token', () => `${server.syncUrl}/${boardId}?token=${'x'.repeat(43)}`, CloseCode.unauthorized, CloseReason.unauthorized],
    ['no token', () => `${server.syncUrl}/${boardId}`, CloseCode.unauthorized, CloseReason.unauthorized],
    ["another board's token", () => `${server.syncUrl}/${boardId}?token=OTHER`, CloseCode.unauthorized, CloseReason.unauthorized],
    ['an unknown board', () => `${server.syncUrl}/AAAAAAAAAAAAAAAA?token=${tokens.edit}`, CloseCode.boardNotFound, CloseReason.boardNotFound],
    ['a malformed board id', () => `${server.syncUrl}/..%2F..%2Fetc?token=${tokens.edit}`, CloseCode.boardNotFound, CloseReason.boardNotFound],
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
  const get = (id: string, auth?: string) =>
    fetch(`${server.url}/api/boards/${id}`, auth ? { headers: { authorization: auth } } : {})

  test('each token opens the board with its role', async () => {
    for (const role of ['facilitator', 'edit', 'view'] as const) {
      const response = await get(boardId, `Bearer ${tokens[role]}`)
      expect(response.status).toBe(200)
      const body = await response.json()
      expect(body.role).toBe(role)
      expect(body.board).toMatchObject({ id: boardId, title: 'Pääsy', template: 'tilannekuva', language: 'fi' })
      expect(JSON.stringify(body)).not.toContain(tokens[role])
    }
  })

  test('missing and wrong tokens get 401, unknown boards 404, each with a JSON error', async () => {
    const missing = await get(boardId)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({ error: 'unauthorized' })
    const wrong = await get(boardId, 'Bearer nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' })
    const basic = await get(boardId, `Basic ${tokens.edit}`)
    expect(basic.status).toBe(401)
    const unknown = await get('AAAAAAAAAAAAAAAA', `Bearer ${tokens.edit}`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'not_found' })
  })
})
