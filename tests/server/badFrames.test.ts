import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { noteRecord } from '../helpers/records.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

function frame(...parts: Array<(encoder: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) part(encoder)
  return encoding.toUint8Array(encoder)
}
const uint = (value: number) => (encoder: encoding.Encoder) => encoding.writeVarUint(encoder, value)
const bytes = (value: Uint8Array) => (encoder: encoding.Encoder) => encoding.writeVarUint8Array(encoder, value)

const badFrames: Array<[string, Uint8Array]> = [
  ['an empty frame', new Uint8Array(0)],
  ['an unknown message type', frame(uint(77))],
  ['an unknown sync sub-type', frame(uint(0), uint(9), bytes(new Uint8Array([0])))],
  ['a truncated sync frame', frame(uint(0), uint(2))],
  [
    'a varint past the integer range',
    new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
  ],
  ['a length longer than the frame', frame(uint(0), uint(2), uint(1000), bytes(new Uint8Array([1, 2])))],
  ['an update that is not a Yjs update', frame(uint(0), uint(2), bytes(new Uint8Array([5, 200, 1, 3, 9, 9, 9])))],
  ['an awareness frame with garbage', frame(uint(1), bytes(new Uint8Array([3, 250, 255, 255])))],
]

test.each(badFrames)('%s closes only that connection with bad-message, and the board is intact', async (_what, bad) => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const bystander = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(bystander)
  await waitForSync(bystander)
  openBoardRecords(bystander.doc).set('shape:before', noteRecord('before', 'ennen'))

  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  raw.socket.send(bad)
  expect(await raw.closed).toEqual({ code: CloseCode.badMessage, reason: CloseReason.badMessage })

  // The bystander stays connected and the board still works.
  openBoardRecords(bystander.doc).set('shape:after', noteRecord('after', 'jälkeen'))
  const late = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(late)
  await waitForSync(late)
  await waitFor(() => openBoardRecords(late.doc).has('shape:after'), 'board still syncs')
  expect(openBoardRecords(late.doc).has('shape:before')).toBe(true)
  expect(bystander.provider.wsconnected).toBe(true)
})

test('a text frame is refused with bad-message', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  raw.socket.send('{"hello": "world"}')
  expect((await raw.closed).code).toBe(CloseCode.badMessage)
})

test('an oversized frame closes the connection with 1009 and nothing of it is stored', async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(64 * 1024) } })
  const { board, tokens } = await server.createBoard()
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  const doc = new Y.Doc()
  openBoardRecords(doc).set('shape:huge', noteRecord('huge', 'x'.repeat(200 * 1024)))
  raw.socket.send(frame(uint(0), uint(2), bytes(Y.encodeStateAsUpdate(doc))))
  expect((await raw.closed).code).toBe(1009)

  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  expect(openBoardRecords(client.doc).has('shape:huge')).toBe(false)
})

test('frames sent before the board is loaded are kept, within limits', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  // Send an update immediately on open, before the server has authorised and loaded the board.
  const doc = new Y.Doc()
  openBoardRecords(doc).set('shape:early', noteRecord('early', 'heti'))
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  raw.socket.send(frame(uint(0), uint(2), bytes(Y.encodeStateAsUpdate(doc))))
  const reader = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(reader)
  await waitFor(() => openBoardRecords(reader.doc).has('shape:early'), 'early update applied')
  raw.socket.close()
})

/** Storage that answers board look-ups slowly, so a client's frames pile up before it joins. */
class SlowLookupStorage extends MemoryStorage {
  override async getBoard(boardId: string) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    return super.getBoard(boardId)
  }
}

test('a flood of frames before the board is loaded is cut off with rate-limited', async () => {
  server = await startTestServer({ storage: new SlowLookupStorage() })
  const { board, tokens } = await server.createBoard()
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  const awarenessQuery = frame(uint(3))
  for (let i = 0; i < 1_500; i++) raw.socket.send(awarenessQuery)
  expect(await raw.closed).toEqual({ code: CloseCode.rateLimited, reason: CloseReason.rateLimited })
})
