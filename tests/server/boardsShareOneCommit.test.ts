import fs from 'node:fs'
import { afterEach, expect, test } from 'vitest'
import type { BoardAppend } from '../../server/storage/BoardStorage.js'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

/** SQLite that counts its commits of appends, and whose first batches can be made to fail. */
class CountingStorage extends SqliteStorage {
  batches: number[] = []
  singleAppends = 0
  failuresLeft = 0
  override async appendBatch(appends: readonly BoardAppend[]): Promise<PromiseSettledResult<number>[]> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }
    this.batches.push(appends.length)
    return super.appendBatch(appends)
  }
  override async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    this.singleAppends++
    return super.appendUpdates(boardId, updates)
  }
}

let server: TestServer
let dataDir: string
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function twoBoards(storage: CountingStorage) {
  server = await startTestServer({ storage })
  const boards = [await server.createBoard(), await server.createBoard()]
  return Promise.all(boards.map((created) => server.app.rooms.getRoom(created.board.id)))
}

test('edits of several boards in one turn are stored in one commit, each before it is relayed', async () => {
  dataDir = makeTempDir()
  const storage = new CountingStorage(`${dataDir}/tilannekuva.sqlite`)
  const rooms = await twoBoards(storage)
  const relayed: string[] = []
  for (const room of rooms) room.onStored(({ seq }) => relayed.push(`${room.boardId}@${seq}`))

  for (const room of rooms) room.writeRecordsAsServer([noteRecord('yhteinen', 'Sama vuoro', 1, 1)], 'facilitator')
  expect(relayed).toEqual([])
  await Promise.all(rooms.map((room) => room.whenStored()))

  expect(storage.batches.at(-1)).toBe(2)
  expect(storage.singleAppends).toBe(0)
  for (const room of rooms) {
    const log = await storage.loadUpdates(room.boardId)
    expect(relayed).toContain(`${room.boardId}@${log.lastSeq}`)
  }
})

test('a failed commit is retried for every board in it, and nothing is relayed before it is stored', async () => {
  dataDir = makeTempDir()
  const storage = new CountingStorage(`${dataDir}/tilannekuva.sqlite`)
  server = await startTestServer({ storage })
  const created = [await server.createBoard(), await server.createBoard()]
  const pairs = created.map(({ board, tokens }) => {
    const writer = connectClient(server.syncUrl, board.id, tokens.edit)
    const reader = connectClient(server.syncUrl, board.id, tokens.view)
    clients.push(writer, reader)
    return { boardId: board.id, writer, reader }
  })
  for (const { writer, reader } of pairs) {
    await waitForSync(writer)
    await waitForSync(reader)
  }

  // Failures left when each reader received the note: a relay before storing would see some.
  const failuresLeftAtRelay = new Map<string, number>()
  for (const { reader, boardId } of pairs) {
    reader.doc.on('update', () => {
      if (openBoardRecords(reader.doc).get('shape:tallessa')) failuresLeftAtRelay.set(boardId, storage.failuresLeft)
    })
  }
  storage.failuresLeft = 2
  for (const { writer } of pairs) {
    openBoardRecords(writer.doc).set('shape:tallessa', noteRecord('tallessa', 'Levy täynnä', 2, 2))
  }
  await waitFor(() => failuresLeftAtRelay.size === 2, 'relayed on both boards')
  expect([...failuresLeftAtRelay.values()]).toEqual([0, 0])
  for (const { boardId } of pairs) {
    const { updates } = await storage.loadUpdates(boardId)
    expect(updates.some((update) => Buffer.from(update).includes(Buffer.from('Levy täynnä')))).toBe(true)
  }
})
