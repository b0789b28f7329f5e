import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { Room } from '../../server/rooms/Room.js'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { storedBoard } from '../helpers/storedBoard.js'
import { waitForValue } from '../helpers/yclient.js'

const silent = { debug() {}, info() {}, warn() {}, error() {} }

test('a large board is compacted only once its log has grown by about its own size', async () => {
  const storage = new MemoryStorage()
  const big = new Y.Doc()
  const bigRecords = openBoardRecords(big)
  for (let i = 0; i < 1000; i++) bigRecords.set(`shape:n${i}`, noteRecord(`n${i}`, `Lappu numero ${i}`, i, i))
  const initial = Y.encodeStateAsUpdate(big)
  await storage.createBoard(storedBoard('compactcompact00', 'Iso'), initial)
  const room = await Room.load('compactcompact00', { storage, logger: silent, compactAfterUpdates: 10 })
  const logLength = async () => (await storage.loadUpdates('compactcompact00')).updates.length

  // Small moves: far more than 10 updates, far fewer bytes than the state.
  for (let i = 0; i < 50; i++) {
    room.writeRecordsAsServer([noteRecord('n1', 'liikkuu', i, 0)], 'facilitator')
    await room.whenStored()
  }
  await new Promise((resolve) => setImmediate(resolve))
  expect(await logLength()).toBe(51)

  // Rewriting every note adds about the state's size: now it compacts.
  room.writeRecordsAsServer(
    Array.from({ length: 1000 }, (_, i) => noteRecord(`n${i}`, `Muutettu ${i}`, i, i)),
    'facilitator',
  )
  await waitForValue(logLength, (length) => length === 1, 'compaction')
  const stored = new Y.Doc()
  Y.applyUpdate(stored, (await storage.loadUpdates('compactcompact00')).updates[0]!)
  expect(openBoardRecords(stored).get('shape:n999')).toEqual(noteRecord('n999', 'Muutettu 999', 999, 999))
  await room.close()
})

test('updates that arrive together are stored as one merged entry', async () => {
  const storage = new MemoryStorage()
  const initial = Y.encodeStateAsUpdate(new Y.Doc())
  await storage.createBoard(storedBoard('mergedmerged0000', 'Yhdessä'), initial)
  const room = await Room.load('mergedmerged0000', { storage, logger: silent, compactAfterUpdates: 10_000 })
  for (let i = 0; i < 20; i++) room.writeRecordsAsServer([noteRecord(`m${i}`, `Lappu ${i}`, i, 0)], 'facilitator')
  await room.whenStored()
  const { updates } = await storage.loadUpdates('mergedmerged0000')
  expect(updates).toHaveLength(2)
  const stored = new Y.Doc()
  for (const update of updates) Y.applyUpdate(stored, update)
  expect(openBoardRecords(stored).get('shape:m19')).toEqual(noteRecord('m19', 'Lappu 19', 19, 0))
  expect(openBoardRecords(stored).get('shape:m0')).toEqual(noteRecord('m0', 'Lappu 0', 0, 0))
  await room.close()
})
