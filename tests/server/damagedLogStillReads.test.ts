import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords, writeBoardRecords } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { BoardSnapshot } from '../../shared/snapshot.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test('a damaged entry in the stored log is skipped: the snapshot and the room both read the rest', async () => {
  const storage = new MemoryStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard('Vaurio')
  const doc = new Y.Doc()
  for (const update of (await storage.loadUpdates(board.id)).updates) Y.applyUpdate(doc, update)
  const before = Y.encodeStateVector(doc)
  writeBoardRecords(doc, [
    makeShapeRecord({
      id: 'shape:kept',
      type: NOTE_SHAPE_TYPE,
      x: 1200,
      y: 400,
      index: 'a9',
      props: {
        category: 'need',
        text: 'Säilyy',
        fields: {},
        author: 'Aino',
        createdAt: 1,
        updatedAt: 1,
        w: 240,
        h: 160,
        categoryChosen: true,
      },
    }),
  ])
  await storage.appendUpdates(board.id, [new Uint8Array([1, 200, 7, 3, 9, 9]), Y.encodeStateAsUpdate(doc, before)])

  const response = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
    headers: { authorization: `Bearer ${tokens.view}` },
  })
  expect(response.status).toBe(200)
  expect(((await response.json()) as BoardSnapshot).notes.map((note) => note.text)).toEqual(['Säilyy'])

  const client = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(client)
  await waitFor(() => openBoardRecords(client.doc).has('shape:kept'), 'the room loads the rest of the log')
})
