import * as encoding from 'lib0/encoding'
import { afterEach, expect, test } from 'vitest'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
const raws: RawSocket[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of raws.splice(0)) raw.socket.close()
  await server.close()
})

/** An awareness frame (message type 1) with the given entries, as any client could write it. */
function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId)
    encoding.writeVarUint(update, entry.clock)
    encoding.writeVarString(update, JSON.stringify(entry.state))
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

// Before: a view link could rename or remove anyone's cursor and announce any number of ids.
test("a connection cannot rename or remove another participant's presence, nor announce more than a few ids", async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const victim = connectClient(server.syncUrl, board.id, tokens.edit)
  const observer = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(victim, observer)
  await Promise.all([waitForSync(victim), waitForSync(observer)])
  victim.provider.awareness.setLocalStateField('name', 'Aino')
  const victimId = victim.doc.clientID
  const seenName = (client: YClient, id: number) =>
    (client.provider.awareness.getStates().get(id) as { name?: string } | undefined)?.name
  await waitFor(() => seenName(observer, victimId) === 'Aino', 'the observer sees the victim')

  const attacker = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.view}`)
  raws.push(attacker)
  const clock = victim.provider.awareness.meta.get(victimId)!.clock
  attacker.socket.send(awarenessFrame([{ clientId: victimId, clock: clock + 10, state: { name: 'Huijari' } }]))
  attacker.socket.send(awarenessFrame([{ clientId: victimId, clock: clock + 20, state: null }]))
  const forged = Array.from({ length: 20 }, (_, i) => ({
    clientId: 900_000 + i,
    clock: 1,
    state: { name: `Haamu ${i}` },
  }))
  attacker.socket.send(awarenessFrame(forged))
  // Barrier: the attacker's own later state reaches the observer, so everything before it has.
  attacker.socket.send(awarenessFrame([{ clientId: 900_000, clock: 2, state: { name: 'viimeinen' } }]))
  await waitFor(() => seenName(observer, 900_000) === 'viimeinen', 'the attacker’s own state is relayed')

  expect(seenName(observer, victimId)).toBe('Aino')
  const ghosts = [...observer.provider.awareness.getStates().keys()].filter((id) => id >= 900_000 && id < 900_020)
  expect(ghosts).toEqual([900_000, 900_001, 900_002, 900_003])
  // The victim still moves and renames itself.
  victim.provider.awareness.setLocalStateField('name', 'Aino K.')
  await waitFor(() => seenName(observer, victimId) === 'Aino K.', 'the owner still updates its presence')
})

test('an awareness state over 8 KiB is dropped, smaller ones of the same connection apply', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const observer = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(observer)
  await waitForSync(observer)
  const sender = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  raws.push(sender)
  sender.socket.send(awarenessFrame([{ clientId: 777, clock: 1, state: { name: 'x'.repeat(9 * 1024) } }]))
  sender.socket.send(awarenessFrame([{ clientId: 778, clock: 1, state: { name: 'pieni' } }]))
  await waitFor(() => observer.provider.awareness.getStates().has(778), 'the small state is relayed')
  expect(observer.provider.awareness.getStates().has(777)).toBe(false)
})
