import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test('an idle room is evicted after its log is compacted, and loads again with everything', async () => {
  server = await startTestServer({ env: { ROOM_IDLE_MS: '100' } })
  const { board, tokens } = await server.createBoard()
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  await waitForSync(client)
  const records = openBoardRecords(client.doc)
  // Move one note many times: the stored log grows until compaction folds it.
  for (let i = 0; i < 200; i++) records.set('shape:moving', noteRecord('moving', 'liikkuu', i, i))
  const room = await server.app.rooms.getRoom(board.id)
  await waitFor(
    () => room.readRecords().find((record) => record.id === 'shape:moving')?.x === 199,
    'server has the moves',
  )
  client.destroy()

  await waitFor(() => server.app.rooms.loadedCount === 0, 'room evicted')
  const log = await server.app.storage.loadUpdates(board.id)
  expect(log.updates).toHaveLength(1)
  const stored = new Y.Doc()
  Y.applyUpdate(stored, log.updates[0]!)
  expect(openBoardRecords(stored).get('shape:moving')).toEqual(noteRecord('moving', 'liikkuu', 199, 199))

  const again = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(again)
  await waitForSync(again)
  expect(openBoardRecords(again.doc).get('shape:moving')).toEqual(noteRecord('moving', 'liikkuu', 199, 199))
})

/** Storage whose first appends fail, as a full disk or a dropped database connection would. */
class FlakyStorage extends MemoryStorage {
  failuresLeft = 3
  override async appendUpdates(boardId: string, updates: readonly Uint8Array[]) {
    if (this.failuresLeft > 0) {
      this.failuresLeft--
      throw new Error('disk full (simulated)')
    }
    return super.appendUpdates(boardId, updates)
  }
}

test('a failed save is retried, and nothing is broadcast before it is stored', async () => {
  const storage = new FlakyStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard()
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])

  openBoardRecords(writer.doc).set('shape:saved', noteRecord('saved', 'tallennetaan lopulta'))
  const readerRecords = openBoardRecords(reader.doc)
  // After the second failure the next retry is 500 ms away: the note must not have gone out yet.
  await waitFor(() => storage.failuresLeft <= 1, 'two saves failed')
  expect(readerRecords.has('shape:saved')).toBe(false)
  await waitFor(() => readerRecords.has('shape:saved'), 'note reaches the reader after the retry', 15_000)
  const stored = new Y.Doc()
  for (const update of (await storage.loadUpdates(board.id)).updates) Y.applyUpdate(stored, update)
  expect(openBoardRecords(stored).has('shape:saved')).toBe(true)
})
