import { afterEach, beforeEach, expect, test } from 'vitest'
import { type CreateBoardResponse, tokenFromHash } from '../../shared/api.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { BoardLinksResponse } from '../../shared/facilitation.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Kierto')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

const connect = (token: string) => {
  const client = connectClient(server.syncUrl, created.board.id, token)
  clients.push(client)
  return client
}

async function rotate(role: 'edit' | 'view') {
  const response = await fetch(`${server.url}/api/boards/${created.board.id}/links/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  })
  expect(response.status).toBe(200)
  return BoardLinksResponse.parse(await response.json()).links!
}

const getBoard = (token: string) =>
  fetch(`${server.url}/api/boards/${created.board.id}`, { headers: { authorization: `Bearer ${token}` } })

/** Resolves with the code a fresh socket with `token` is closed with. */
async function closeCodeFor(token: string): Promise<number> {
  const client = connect(token)
  await waitFor(() => client.closes.length > 0, 'the socket to be closed')
  return client.closes[0]!.code
}

test('rotating the edit link closes its live connections with 4410, keeps view and facilitator ones, and the old link opens nothing', async () => {
  const editor = connect(created.tokens.edit)
  const joiner = connect(created.join.code)
  const viewer = connect(created.tokens.view)
  const facilitator = connect(created.tokens.facilitator)
  await Promise.all([editor, joiner, viewer, facilitator].map((client) => waitForSync(client)))

  const links = await rotate('edit')
  await waitFor(() => editor.closes.length > 0 && joiner.closes.length > 0, 'the edit connections to be closed')
  expect(editor.closes[0]).toEqual({ code: CloseCode.linkRevoked, reason: 'link-revoked' })
  expect(joiner.closes[0]!.code).toBe(CloseCode.linkRevoked)

  // A stock client stops on 4410; the server would refuse it anyway, saying the same.
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(editor.provider.wsconnected).toBe(false)
  expect(editor.closes).toHaveLength(1)
  expect(await closeCodeFor(created.tokens.edit)).toBe(CloseCode.linkRevoked)
  expect(await closeCodeFor(created.join.code)).toBe(CloseCode.linkRevoked)

  expect(viewer.closes).toEqual([])
  expect(facilitator.closes).toEqual([])
  expect(viewer.provider.wsconnected).toBe(true)

  // REST: the old edit token and join code are refused at once, the new ones open the board.
  expect((await getBoard(created.tokens.edit)).status).toBe(401)
  expect((await getBoard(created.join.code)).status).toBe(401)
  expect((await fetch(`${server.url}/j/${created.join.code}`, { redirect: 'manual' })).status).toBe(404)
  expect(links.joinCode).not.toBe(created.join.code)
  expect(links.view).toBe(created.links.view)
  const newEdit = tokenFromHash(new URL(links.edit, server.url).hash)!
  expect((await getBoard(newEdit)).status).toBe(200)
  expect((await getBoard(links.joinCode)).status).toBe(200)
  const fresh = connect(newEdit)
  await waitForSync(fresh)

  // The new editor and the viewer still share the board.
  openBoardRecords(fresh.doc).set('shape:after', noteRecord('after', 'Kierron jälkeen'))
  const viewerRecords = openBoardRecords(viewer.doc)
  await waitFor(() => viewerRecords.has('shape:after'), 'the viewer to see the new editor')
})

test('rotating the view link closes only view connections; the edit link and join code stay', async () => {
  const editor = connect(created.tokens.edit)
  const viewer = connect(created.tokens.view)
  await Promise.all([waitForSync(editor), waitForSync(viewer)])

  const links = await rotate('view')
  await waitFor(() => viewer.closes.length > 0, 'the view connection to be closed')
  expect(viewer.closes[0]!.code).toBe(CloseCode.linkRevoked)
  expect(editor.closes).toEqual([])
  expect(links.edit).toBe(created.links.edit)
  expect(links.joinCode).toBe(created.join.code)
  expect((await getBoard(created.tokens.view)).status).toBe(401)
  expect((await getBoard(tokenFromHash(new URL(links.view, server.url).hash)!)).status).toBe(200)
})
