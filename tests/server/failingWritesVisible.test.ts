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

async function healthStatus(): Promise<number> {
  return (await fetch(`${server.url}/api/health`)).status
}

// Before: with the disk full, health said ok and joiners hung with no close code.
test('while writes fail, health answers 503 and joiners are closed 4507; once the disk frees, the edit is saved and relayed', async () => {
  const storage = new FillableStorage()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard()
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])
  expect(await healthStatus()).toBe(200)

  storage.full = true
  openBoardRecords(writer.doc).set('shape:kept', noteRecord('kept', 'odottaa levytilaa'))
  // Polled until the failed append has happened (the test's timeout bounds it).
  while ((await healthStatus()) !== 503) await new Promise((resolve) => setTimeout(resolve, 20))

  const joiner = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(joiner)
  await waitFor(() => joiner.closes.some((close) => close.code === CloseCode.notSaving), 'the joiner is told')
  expect(openBoardRecords(reader.doc).has('shape:kept')).toBe(false)

  storage.full = false
  await waitFor(() => openBoardRecords(reader.doc).has('shape:kept'), 'the retried append is relayed')
  expect(await healthStatus()).toBe(200)
  await waitForSync(joiner)
  await waitFor(() => openBoardRecords(joiner.doc).has('shape:kept'), 'the joiner gets in once saving works')
})
