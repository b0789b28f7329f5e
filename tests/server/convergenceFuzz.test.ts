import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { seededRandom } from '../helpers/random.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, sameState, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/**
 * Several clients make random concurrent edits (create, move, edit, delete notes), some while
 * disconnected; after everyone reconnects, all documents — and the server's — are identical.
 */
async function fuzz(seed: number, rounds = 30): Promise<void> {
  const random = seededRandom(seed)
  server = await startTestServer()
  const { board, tokens } = await server.createBoard(`Fuzz ${seed}`)
  const peers = Array.from({ length: 4 }, () => connectClient(server.syncUrl, board.id, tokens.edit))
  clients.push(...peers)
  await Promise.all(peers.map((peer) => waitForSync(peer)))
  const records = peers.map((peer) => openBoardRecords(peer.doc))
  const ids = Array.from({ length: 12 }, (_, i) => `shape:f${i}`)

  for (let round = 0; round < rounds; round++) {
    for (const [index, peer] of peers.entries()) {
      const roll = random.next()
      if (roll < 0.05 && peer.provider.wsconnected) peer.provider.disconnect()
      else if (roll < 0.15 && !peer.provider.wsconnected) peer.provider.connect()
      const peerRecords = records[index]!
      for (let op = random.int(4); op > 0; op--) {
        const id = random.pick(ids)
        const action = random.next()
        if (action < 0.2) peerRecords.delete(id)
        else
          peerRecords.set(id, noteRecord(id.slice(6), `teksti ${random.int(1000)}`, random.int(800), random.int(600)))
      }
    }
    await new Promise((resolve) => setTimeout(resolve, random.int(15)))
  }
  for (const peer of peers) if (!peer.provider.wsconnected) peer.provider.connect()
  await waitFor(() => peers.every((peer) => sameState(peer.doc, peers[0]!.doc)), `convergence (seed ${seed})`, 20_000)
  const room = await server.app.rooms.getRoom(board.id)
  await waitFor(() => sameState(room.doc, peers[0]!.doc), 'server document converges too')
  expect(records[0]!.map.size).toBe(records[3]!.map.size)
}

test.each([1, 2, 3])('random concurrent edits converge (seed %i)', (seed) => fuzz(seed))
