import * as decoding from 'lib0/decoding'
import { afterEach, expect, test } from 'vitest'
import { openRawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
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
    movers.every(
      (mover) =>
        (client.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { x: number } } | undefined)
          ?.cursor?.x === x,
    )
  await waitFor(() => cursorsAt(watcher, moves), 'every cursor at its last position')

  // 6 people × 20 moves = 120 updates; batched, the raw socket sees only a handful of frames.
  const awarenessFrames = raw.frames.filter(isAwarenessFrame).length - framesBefore
  expect(awarenessFrames).toBeGreaterThan(0)
  expect(awarenessFrames).toBeLessThan(20)
  raw.socket.close()
})

test('a cursor state sent back to the server (stock client echo) is not sent on again', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const mover = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(mover)
  await waitForSync(mover)
  const url = `${server.syncUrl}/${board.id}?token=${tokens.view}`
  const [echoer, watcher] = await Promise.all([openRawSocket(url), openRawSocket(url)])
  await waitFor(() => echoer.frames.length > 0 && watcher.frames.length > 0, 'greetings')

  mover.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
  await waitFor(() => echoer.frames.some(isAwarenessFrame), 'the cursor at the echoing socket')
  await waitFor(() => watcher.frames.some(isAwarenessFrame), 'the cursor at the watcher')
  const watcherFrames = watcher.frames.filter(isAwarenessFrame).length
  for (const frame of echoer.frames.filter(isAwarenessFrame)) echoer.socket.send(frame)
  // A real change afterwards proves the room still forwards news, and bounds the wait.
  mover.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
  await waitFor(() => watcher.frames.filter(isAwarenessFrame).length > watcherFrames, 'the second cursor move')
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(watcher.frames.filter(isAwarenessFrame).length).toBe(watcherFrames + 1)
  echoer.socket.close()
  watcher.socket.close()
})
