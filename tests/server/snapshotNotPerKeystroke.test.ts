import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy())
  await server?.close()
})

class CountingStorage extends MemoryStorage {
  snapshotsSaved = 0
  override async saveSnapshot(boardId: string, json: string) {
    this.snapshotsSaved++
    return super.saveSnapshot(boardId, json)
  }
}

test('a burst of typing produces one snapshot after it, not one per keystroke', async () => {
  const storage = new CountingStorage()
  server = await startTestServer({ storage, config: { snapshotDebounceMs: 1_000, snapshotMaxWaitMs: 5_000 } })
  const { board, tokens } = await server.createBoard('Kirjoitus')
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  const records = openBoardRecords(client.doc)
  const sentence = 'Alueella on vahva osaaminen'
  for (let i = 1; i <= sentence.length; i++) {
    records.set('shape:typing', noteRecord('typing', sentence.slice(0, i)))
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  // Plain tldraw notes are not structured notes, so the snapshot has none; it is taken all the same.
  const json = await waitForValue(() => storage.loadSnapshot(board.id), (value) => value !== null, 'snapshot after the burst')
  expect(BoardSnapshot.parse(JSON.parse(json!)).board.title).toBe('Kirjoitus')
  expect(storage.snapshotsSaved).toBe(1)
})
