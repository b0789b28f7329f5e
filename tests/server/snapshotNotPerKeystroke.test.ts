import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { SnapshotService } from '../../server/picture/SnapshotService.js'
import { Room } from '../../server/rooms/Room.js'
import type { StoredSnapshot } from '../../server/storage/BoardStorage.js'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { storedBoard } from '../helpers/storedBoard.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

class CountingStorage extends MemoryStorage {
  snapshotsSaved = 0
  override async saveSnapshot(boardId: string, snapshot: StoredSnapshot) {
    this.snapshotsSaved++
    return super.saveSnapshot(boardId, snapshot)
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
  const stored = await waitForValue(
    () => storage.loadSnapshot(board.id),
    (value) => value !== null,
    'snapshot after the burst',
  )
  expect(BoardSnapshot.parse(JSON.parse(stored!.json)).board.title).toBe('Kirjoitus')
  expect(storage.snapshotsSaved).toBe(1)
})

test('boards that fall due together are snapshotted one per event-loop turn, not in one stall', async () => {
  // A ticker counts event-loop turns; each save notes the turn it happened in.
  let turn = 0
  let ticking = true
  const tick = () => {
    turn++
    if (ticking) setImmediate(tick)
  }
  setImmediate(tick)
  const savedInTurn: number[] = []
  class TurnStorage extends MemoryStorage {
    override async saveSnapshot(boardId: string, snapshot: StoredSnapshot) {
      savedInTurn.push(turn)
      return super.saveSnapshot(boardId, snapshot)
    }
  }
  const storage = new TurnStorage()
  const snapshots = new SnapshotService({ storage, logger: silent, debounceMs: 20, maxWaitMs: 100 })
  const rooms: Room[] = []
  for (let i = 0; i < 30; i++) {
    const id = `turnturnturn${String(i).padStart(4, '0')}`
    await storage.createBoard(storedBoard(id, `T${i}`), Y.encodeStateAsUpdate(new Y.Doc()))
    const room = await Room.load(id, { storage, logger: silent, compactAfterUpdates: 10_000 })
    snapshots.attach(room)
    rooms.push(room)
  }
  // Every board changes in the same moment, so all fall due in the same timer tick.
  for (const room of rooms) room.writeRecordsAsServer([noteRecord('n1', 'sama hetki')], 'facilitator')
  await waitForValue(
    async () => savedInTurn.length,
    (count) => count === rooms.length,
    'every snapshot',
  )
  ticking = false
  expect(new Set(savedInTurn).size).toBe(rooms.length)
  for (const room of rooms) await room.close()
})
