import * as Y from 'yjs'
import { afterEach, expect, test, vi } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

// Counts how often the server encodes a whole document (the size check must not, per update).
const encodes = vi.hoisted(() => ({ count: 0 }))
vi.mock('yjs', async (importOriginal) => {
  const original = await importOriginal<typeof import('yjs')>()
  return {
    ...original,
    encodeStateAsUpdate: (...args: Parameters<typeof original.encodeStateAsUpdate>) => {
      encodes.count++
      return original.encodeStateAsUpdate(...args)
    },
  }
})

const servers: TestServer[] = []
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.close().catch(() => {})
})

const LIMIT = 256 * 1024

// Before: nothing capped a board; an edit link could grow one until the disk was full.
test('the edit that would take a board past MAX_BOARD_BYTES is refused with 4413, neither stored nor relayed; deletions still work', async () => {
  const server = await startTestServer({ env: { MAX_BOARD_BYTES: String(LIMIT) } })
  servers.push(server)
  const { board, tokens } = await server.createBoard()
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const tidier = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(writer, tidier, reader)
  await Promise.all([writer, tidier, reader].map((client) => waitForSync(client)))

  // 8 KiB notes, one edit each, until the server says no: 40 of them are 320 KiB.
  const writerRecords = openBoardRecords(writer.doc)
  for (let i = 0; i < 40 && writer.closes.length === 0; i++) {
    writerRecords.set(`shape:n${i}`, noteRecord(`n${i}`, `${i} ${'x'.repeat(8 * 1024)}`))
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await waitFor(() => writer.closes.length > 0, 'the writer is closed')
  expect(writer.closes[0]).toEqual({ code: CloseCode.boardTooLarge, reason: CloseReason.boardTooLarge })

  const room = (await server.app.rooms.peekLoaded(board.id))!
  await room.whenStored()
  const accepted = openBoardRecords(room.doc).map.size
  const readerRecords = openBoardRecords(reader.doc)
  await waitFor(() => readerRecords.map.size === accepted, 'the reader has what the server accepted')
  expect(writerRecords.map.size).toBeGreaterThan(accepted)
  expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBeLessThanOrEqual(LIMIT)
  expect(tidier.provider.wsconnected).toBe(true)

  // Removing notes is always allowed, and once the board has room again it grows again.
  const tidierRecords = openBoardRecords(tidier.doc)
  await waitFor(() => tidierRecords.map.size === accepted, 'the tidier is in sync')
  for (let i = 0; i < 5; i++) tidierRecords.delete(`shape:n${i}`)
  await waitFor(() => !readerRecords.has('shape:n4'), 'the deletions reach the reader')
  // The size is measured again at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_100))
  tidierRecords.set('shape:small', noteRecord('small', 'pieni'))
  await waitFor(() => readerRecords.has('shape:small'), 'a new note fits after the deletions')
  expect(tidier.closes).toEqual([])

  // Nothing refused was stored: after a restart the board is what the reader has.
  const final = readerRecords.map.size
  await server.close()
  const restarted = await startTestServer({ dataDir: server.dataDir, env: { MAX_BOARD_BYTES: String(LIMIT) } })
  servers.push(restarted)
  const newcomer = connectClient(restarted.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitForSync(newcomer)
  expect(openBoardRecords(newcomer.doc).map.size).toBe(final)
})

// The log grows by a whole record per move; the state hardly at all. Counting bytes alone would
// refuse these moves, encoding the document per update would cost more than the moves.
test('moving a note 1,000 times on a board near its limit is never refused, and the document is encoded only a few times', async () => {
  const server = await startTestServer({
    env: { MAX_BOARD_BYTES: String(128 * 1024), SYNC_MESSAGES_PER_SECOND: '0' },
  })
  servers.push(server)
  const { board, tokens } = await server.createBoard()
  const mover = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(mover, reader)
  await Promise.all([waitForSync(mover), waitForSync(reader)])
  const records = openBoardRecords(mover.doc)
  const text = 'y'.repeat(2 * 1024)
  for (let i = 0; i < 30; i++) records.set(`shape:n${i}`, noteRecord(`n${i}`, text))
  const readerRecords = openBoardRecords(reader.doc)
  await waitFor(() => readerRecords.has('shape:n29'), 'the notes arrive')

  encodes.count = 0
  for (let move = 1; move <= 1_000; move++) {
    records.set('shape:n0', noteRecord('n0', text, move, move))
    if (move % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await waitFor(
    () => (readerRecords.get('shape:n0') as { x?: number } | undefined)?.x === 1_000,
    'the last move reaches the reader',
  )
  expect(mover.closes).toEqual([])
  // Compactions and measurements only: far fewer than one per move.
  expect(encodes.count).toBeLessThan(30)
})
