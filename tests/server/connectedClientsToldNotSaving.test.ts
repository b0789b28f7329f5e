import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

/** Storage whose disk can be made full: appends then fail as SQLite's do (SQLITE_FULL). */
class FillableStorage extends MemoryStorage {
  full = false
  override async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (this.full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    return super.appendUpdates(boardId, updates)
  }
}

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

// Before: people already on the board went on editing as if it were saved.
test('clients already on a board are closed 4507 once its writes fail for a second, kept out while they fail, and lose nothing', async () => {
  const storage = new FillableStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard()
  const other = await server.createBoard('Toinen')
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  // Someone on another board, which is not being saved either: the disk is the server's.
  const elsewhere = connectClient(server.syncUrl, other.board.id, other.tokens.view)
  clients.push(writer, reader, elsewhere)
  await Promise.all([writer, reader, elsewhere].map((client) => waitForSync(client)))

  storage.full = true
  const failedAt = Date.now()
  openBoardRecords(writer.doc).set('shape:kept', noteRecord('kept', 'odottaa levytilaa'))
  const told = (client: YClient) => client.closes.some((close) => close.code === CloseCode.notSaving)
  await waitFor(() => [writer, reader, elsewhere].every(told), 'everyone connected is told', 10_000)
  expect(Date.now() - failedAt).toBeGreaterThanOrEqual(900)
  // They retry (4507 is retryable) and are refused with 4507 again while the disk is full.
  const closesSoFar = reader.closes.length
  await waitFor(() => reader.closes.length > closesSoFar, 'a retry is refused too')
  expect(reader.closes.at(-1)!.code).toBe(CloseCode.notSaving)
  expect(openBoardRecords(reader.doc).has('shape:kept')).toBe(false)

  storage.full = false
  await Promise.all([writer, reader, elsewhere].map((client) => waitForSync(client)))
  await waitFor(() => openBoardRecords(reader.doc).has('shape:kept'), 'the edit made before the fault arrives')
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
})
