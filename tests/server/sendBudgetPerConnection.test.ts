import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { encodeDocumentUpdate, encodeSyncStep1 } from '../../server/sync/protocol.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** Updates that each add one note of `textBytes` characters, made by one client. */
function noteUpdates(count: number, textBytes: number, prefix: string): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const records = openBoardRecords(doc)
  for (let i = 0; i < count; i++) records.set(`shape:${prefix}${i}`, noteRecord(`${prefix}${i}`, 'x'.repeat(textBytes)))
  return updates
}

// Before: one editor could push frames as fast as it liked (0.75 MB/s made /api/health time out).
test('a connection sending more frames a second than its budget is closed 4529; others go on', async () => {
  server = await startTestServer({ env: { SYNC_MESSAGES_PER_SECOND: '50', SYNC_MESSAGES_BURST: '100' } })
  const { board, tokens } = await server.createBoard()
  const bystander = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(bystander)
  await waitForSync(bystander)

  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.view}`)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  // Asking for the document is a cheap, valid frame; 300 at once is three times the burst.
  const ask = encodeSyncStep1(new Y.Doc())
  for (let i = 0; i < 300; i++) raw.socket.send(ask)
  expect(await raw.closed).toEqual({ code: CloseCode.rateLimited, reason: CloseReason.rateLimited })

  openBoardRecords(bystander.doc).set('shape:after', noteRecord('after', 'yhä toimii'))
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitFor(() => openBoardRecords(reader.doc).has('shape:after'), 'the board goes on')
  expect(bystander.provider.wsconnected).toBe(true)
})

test('a connection sending more bytes a second than its budget is closed 4529; what it sent within it was kept', async () => {
  server = await startTestServer({
    env: {
      MAX_MESSAGE_BYTES: String(64 * 1024),
      SYNC_BYTES_PER_SECOND: String(64 * 1024),
      SYNC_BYTES_BURST: String(256 * 1024),
    },
  })
  const { board, tokens } = await server.createBoard()
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitForSync(reader)

  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  // 20 notes of 32 KiB at once: 640 KiB against a burst of 256 KiB.
  const updates = noteUpdates(20, 32 * 1024, 'big')
  for (const update of updates) raw.socket.send(encodeDocumentUpdate(update))
  expect(await raw.closed).toEqual({ code: CloseCode.rateLimited, reason: CloseReason.rateLimited })

  const records = openBoardRecords(reader.doc)
  await waitFor(() => records.has('shape:big0'), 'the first notes, within the burst, arrive')
  const room = await server.app.rooms.peekLoaded(board.id)
  await room?.whenStored()
  const kept = Array.from({ length: 20 }, (_, i) => records.has(`shape:big${i}`)).filter(Boolean).length
  expect(kept).toBeGreaterThan(0)
  expect(kept).toBeLessThan(10)
})

// The defaults must leave real work alone: a drag of 20 selected notes sends a ~7.6 KB update per
// animation frame and a cursor every 50 ms.
test('with the default budgets, dragging 20 notes at 60 frames a second for 3 s is never cut off', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const dragger = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(dragger, reader)
  await Promise.all([waitForSync(dragger), waitForSync(reader)])
  const records = openBoardRecords(dragger.doc)
  const ids = Array.from({ length: 20 }, (_, i) => `n${i}`)
  for (const id of ids) records.set(`shape:${id}`, noteRecord(id, 'Muistiinpano, jota siirretään'))

  let sentBytes = 0
  dragger.doc.on('update', (update: Uint8Array) => {
    sentBytes += update.byteLength
  })
  const frames = 180
  for (let frame = 1; frame <= frames; frame++) {
    dragger.doc.transact(() => {
      for (const [index, id] of ids.entries()) {
        records.set(`shape:${id}`, noteRecord(id, 'Muistiinpano, jota siirretään', index * 10 + frame, frame))
      }
    })
    dragger.provider.awareness.setLocalStateField('cursor', { x: frame, y: frame })
    await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
  }
  await waitFor(
    () => (openBoardRecords(reader.doc).get('shape:n19') as { y?: number } | undefined)?.y === frames,
    'the last frame of the drag reaches the reader',
  )
  expect(sentBytes).toBeGreaterThan(frames * 7_000)
  expect(dragger.closes).toEqual([])
  expect(dragger.provider.wsconnected).toBe(true)
})
