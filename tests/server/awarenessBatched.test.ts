import * as decoding from 'lib0/decoding'
import { afterEach, expect, test } from 'vitest'
import { openRawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy())
  await server?.close()
})

const isAwarenessFrame = (frame: Uint8Array) => decoding.readVarUint(decoding.createDecoder(frame)) === 1

test('cursor updates from many people reach a client batched in few frames, newest state last', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const movers = Array.from({ length: 6 }, () => connectClient(server.syncUrl, board.id, tokens.edit))
  clients.push(...movers)
  await Promise.all(movers.map((client) => waitForSync(client)))
  const watcher = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(watcher)
  await waitForSync(watcher)
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.view}`)
  await waitFor(() => raw.frames.length > 0, 'greeting')
  const framesBefore = raw.frames.filter(isAwarenessFrame).length

  const moves = 20
  for (let step = 1; step <= moves; step++) {
    for (const mover of movers) mover.provider.awareness.setLocalStateField('cursor', { x: step, y: step })
  }
  const cursorsAt = (client: YClient, x: number) =>
    movers.every((mover) => (client.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === x)
  await waitFor(() => cursorsAt(watcher, moves), 'every cursor at its last position')

  // 6 people × 20 moves = 120 updates; batched, the raw socket sees only a handful of frames.
  const awarenessFrames = raw.frames.filter(isAwarenessFrame).length - framesBefore
  expect(awarenessFrames).toBeGreaterThan(0)
  expect(awarenessFrames).toBeLessThan(20)
  raw.socket.close()
})
