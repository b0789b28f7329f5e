import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { StoredSnapshot } from '../../server/storage/BoardStorage.js'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { writeBoardRecords } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { BoardSnapshot } from '../../shared/snapshot.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
afterEach(async () => {
  await server?.close()
})

class CountingStorage extends MemoryStorage {
  snapshotsSaved = 0
  override async saveSnapshot(boardId: string, snapshot: StoredSnapshot) {
    this.snapshotsSaved++
    return super.saveSnapshot(boardId, snapshot)
  }
}

test("an unloaded board's snapshot is served as stored, rebuilt when the log went on past it, and a GET never writes", async () => {
  const storage = new CountingStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard('Levossa')
  const getSnapshot = async () => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${tokens.view}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    return response.text()
  }

  // Never snapshotted: built from the log, not stored.
  expect((JSON.parse(await getSnapshot()) as BoardSnapshot).board.title).toBe('Levossa')
  expect(storage.snapshotsSaved).toBe(0)

  const imported = await fetch(`${server.url}/api/boards/${board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ category: 'need', text: 'Ensimmäinen' }]),
  })
  expect(imported.status).toBe(201)
  // Closing the room stores its snapshot with the seq of the log it saw.
  await server.app.rooms.evictIdle()
  expect(server.app.rooms.loadedCount).toBe(0)
  const stored = await storage.loadSnapshot(board.id)
  expect(stored?.builtFromSeq).toBe(await storage.lastSeq(board.id))
  const saves = storage.snapshotsSaved

  expect(await getSnapshot()).toBe(stored!.json)

  // A crash can leave the log ahead of the stored snapshot: the GET rebuilds it, in memory only.
  const doc = new Y.Doc()
  for (const update of (await storage.loadUpdates(board.id)).updates) Y.applyUpdate(doc, update)
  const before = Y.encodeStateVector(doc)
  writeBoardRecords(doc, [
    makeShapeRecord({
      id: 'shape:late',
      type: NOTE_SHAPE_TYPE,
      x: 1200,
      y: 400,
      index: 'a9',
      props: {
        category: 'need',
        text: 'Kaatumisen jälkeen',
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
  await storage.appendUpdates(board.id, [Y.encodeStateAsUpdate(doc, before)])
  const rebuilt = JSON.parse(await getSnapshot()) as BoardSnapshot
  expect(rebuilt.notes.map((note) => note.text).sort()).toEqual(['Ensimmäinen', 'Kaatumisen jälkeen'])
  expect(storage.snapshotsSaved).toBe(saves)
  expect((await storage.loadSnapshot(board.id))?.json).toBe(stored!.json)
})
