import { afterEach, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** Whether anything listens to the document's 'update' event, which makes Yjs encode every update. */
const listensToUpdates = (doc: Y.Doc) => (doc._observers.get('update')?.size ?? 0) > 0

test('the server stores the bytes a client sent, and nothing re-encodes updates on the server', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Tavut')
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])
  const room = await server.app.rooms.peekLoaded(board.id)
  if (!room) throw new Error('the room is not loaded')
  expect(listensToUpdates(room.doc)).toBe(false)

  const sent: Uint8Array[] = []
  writer.doc.on('update', (update: Uint8Array) => sent.push(update))
  const before = (await server.app.storage.loadUpdates(board.id)).lastSeq
  openBoardRecords(writer.doc).set('shape:n1', noteRecord('n1', 'Sama tavu tavulta'))
  expect(sent).toHaveLength(1)
  const log = await waitForValue(
    () => server.app.storage.loadUpdates(board.id),
    (stored) => stored.lastSeq > before,
    'the update stored',
  )
  expect(Buffer.from(log.updates.at(-1)!).equals(Buffer.from(sent[0]!))).toBe(true)
  await waitFor(() => openBoardRecords(reader.doc).has('shape:n1'), 'relayed to the reader')
  expect(openBoardRecords(reader.doc).get('shape:n1')).toEqual(noteRecord('n1', 'Sama tavu tavulta'))

  // A change the server makes itself is stored and relayed too, and leaves no listener behind.
  const imported = await fetch(`${server.url}/api/boards/${board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ category: 'need', text: 'Tuotu' }]),
  })
  expect(imported.status).toBe(201)
  const { ids } = (await imported.json()) as { ids: string[] }
  await waitFor(() => openBoardRecords(reader.doc).has(ids[0]!), 'import relayed to the reader')
  expect((await server.app.storage.loadUpdates(board.id)).lastSeq).toBeGreaterThan(log.lastSeq)
  expect(listensToUpdates(room.doc)).toBe(false)
})
