import { getMetaMap } from '../../shared/boardDocument.js'
import * as decoding from 'lib0/decoding'
import { afterEach, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createSyncProvider } from '../../client/sync/syncProvider.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js'

let server: TestServer
const cleanups: (() => void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await server?.close()
})

const isAwarenessFrame = (data: unknown) =>
  data instanceof Uint8Array && decoding.readVarUint(decoding.createDecoder(data)) === 1

/** A WebSocket that counts the awareness frames its client sends. */
function countingWebSocket(counter: { sent: number }): typeof globalThis.WebSocket {
  return class extends WebSocket {
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]) {
      if (isAwarenessFrame(data)) counter.sent++
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  } as unknown as typeof globalThis.WebSocket
}

test('our provider sends only its own cursor, not the ones it receives (stock y-websocket does)', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const mover: YClient = connectClient(server.syncUrl, board.id, tokens.edit)
  cleanups.push(() => mover.destroy())

  const sentByOurs = { sent: 0 }
  const ours: WebsocketProvider = createSyncProvider(server.syncUrl, board.id, new Y.Doc(), {
    token: tokens.edit,
    WebSocketPolyfill: countingWebSocket(sentByOurs),
  })
  cleanups.push(() => ours.destroy())
  await waitFor(() => ours.synced && mover.provider.synced, 'both synced')
  ours.awareness.setLocalStateField('user', { name: 'Ours' })
  await waitFor(() => mover.provider.awareness.getStates().has(ours.awareness.clientID), 'our state at the mover')
  const sentBefore = sentByOurs.sent

  for (let x = 1; x <= 10; x++) {
    mover.provider.awareness.setLocalStateField('cursor', { x, y: x })
    await waitFor(
      () =>
        (ours.awareness.getStates().get(mover.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === x,
      `cursor ${x} at our client`,
    )
  }
  expect(sentByOurs.sent).toBe(sentBefore)

  // Our own changes still go out.
  ours.awareness.setLocalStateField('cursor', { x: 5, y: 5 })
  await waitFor(
    () =>
      (mover.provider.awareness.getStates().get(ours.awareness.clientID) as { cursor?: { x: number } } | undefined)
        ?.cursor?.x === 5,
    'our cursor at the mover',
  )
  expect(sentByOurs.sent).toBe(sentBefore + 1)
})

test('our provider sends local edits, and received updates are not encoded again', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const other: YClient = connectClient(server.syncUrl, board.id, tokens.edit)
  cleanups.push(() => other.destroy())
  const doc = new Y.Doc()
  const ours = createSyncProvider(server.syncUrl, board.id, doc, {
    token: tokens.edit,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  cleanups.push(() => ours.destroy())
  await waitFor(() => ours.synced && other.provider.synced, 'both synced')

  // Yjs encodes a transaction's update only if an 'update' listener exists when it ends.
  const encodedFor: unknown[] = []
  doc.on('afterTransactionCleanup', (transaction: Y.Transaction) => {
    if (doc._observers.has('update')) encodedFor.push(transaction.origin)
  })
  // The meta map: the server refuses root types a board does not have.
  const otherMap = getMetaMap(other.doc)
  for (let i = 0; i < 5; i++) otherMap.set(`k${i}`, i)
  await waitFor(() => getMetaMap(doc).get('k4') === 4, 'the other client’s edits')
  expect(encodedFor.filter((origin) => origin === ours)).toEqual([])

  getMetaMap(doc).set('mine', 'kyllä')
  await waitFor(() => otherMap.get('mine') === 'kyllä', 'our edit at the other client')
  expect(encodedFor).toContain(null)
})
