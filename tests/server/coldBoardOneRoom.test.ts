import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, sameState, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** Storage whose loads are slow and counted, so simultaneous joins really overlap. */
class SlowCountingStorage extends MemoryStorage {
  loads = 0
  override async loadUpdates(boardId: string) {
    this.loads++
    await new Promise((resolve) => setTimeout(resolve, 200))
    return super.loadUpdates(boardId)
  }
}

test('clients connecting to a cold board at the same instant share one room', async () => {
  const storage = new SlowCountingStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard()
  const joiners = Array.from({ length: 5 }, () => connectClient(server.syncUrl, board.id, tokens.edit))
  clients.push(...joiners)
  await Promise.all(joiners.map((client) => waitForSync(client)))
  expect(storage.loads).toBe(1)
  expect(server.app.rooms.loadedCount).toBe(1)

  openBoardRecords(joiners[0]!.doc).set('shape:x', noteRecord('x', 'yksi huone'))
  await waitFor(() => joiners.every((client) => sameState(client.doc, joiners[0]!.doc)), 'all five converge')
})
