/**
 * A log stored by a server from before updates with missing items were refused may hold items
 * waiting for predecessors it never received. Whichever connection's update released them would
 * have them judged under its own role (a facilitator's sync releasing a participant's zone), so
 * the room drops them when it loads and compacts the log without them. The client that made them
 * still has them: its next sync sends them, judged under its own role.
 */
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyStoredLog, openBoardRecords, readBoardRecords } from '../../shared/boardDocument.js'
import { DEFAULT_TEMPLATE, getTemplate, zoneShapeId } from '../../shared/templates.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test("items left pending by an old stored log are dropped at load, not judged under whoever's update releases them", async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Vanha loki')
  expect(await server.app.rooms.peekLoaded(board.id)).toBeFalsy()
  const base = new Y.Doc()
  applyStoredLog(base, (await server.app.storage.loadUpdates(board.id)).updates, null)

  // A participant's two updates: a note, then a zone of their own. The old server got only the second.
  const participantDoc = new Y.Doc()
  Y.applyUpdate(participantDoc, Y.encodeStateAsUpdate(base))
  const made: Uint8Array[] = []
  participantDoc.on('update', (update: Uint8Array) => made.push(update))
  const participantRecords = openBoardRecords(participantDoc)
  participantRecords.set('shape:first', noteRecord('first', 'ensimmäinen'))
  const zone = readBoardRecords(base).find(
    (record) => record.id === zoneShapeId(getTemplate(DEFAULT_TEMPLATE).zones[1]!.key),
  )!
  participantRecords.set('shape:zone-own', { ...zone, id: 'shape:zone-own', x: 5000 })
  expect(made).toHaveLength(2)
  await server.app.storage.appendUpdates(board.id, [made[1]!])

  // A facilitator's device that has the first update (it saw it before the server lost it).
  const facilitatorDoc = new Y.Doc()
  Y.applyUpdate(facilitatorDoc, Y.encodeStateAsUpdate(base))
  Y.applyUpdate(facilitatorDoc, made[0]!)
  const facilitator = connectClient(server.syncUrl, board.id, tokens.facilitator, facilitatorDoc)
  clients.push(facilitator)
  await waitForSync(facilitator)
  const room = (await server.app.rooms.peekLoaded(board.id))!
  await waitFor(
    () => readBoardRecords(room.doc).some((record) => record.id === 'shape:first'),
    "the facilitator's sync lands",
  )
  expect(room.doc.store.pendingStructs).toBeNull()
  expect(readBoardRecords(room.doc).some((record) => record.id === 'shape:zone-own')).toBe(false)

  // The stored log was repaired: rebuilt from it, nothing is pending any more.
  await room.whenStored()
  const reloaded = new Y.Doc()
  applyStoredLog(reloaded, (await server.app.storage.loadUpdates(board.id)).updates, null)
  expect(reloaded.store.pendingStructs).toBeNull()
  expect(reloaded.store.pendingDs).toBeNull()

  // The participant comes back: their zone is judged as theirs, and refused.
  const participant = connectClient(server.syncUrl, board.id, tokens.edit, participantDoc)
  clients.push(participant)
  await waitForSync(participant)
  await waitFor(() => !openBoardRecords(participant.doc).has('shape:zone-own'), "the participant's zone is undone")
  expect(openBoardRecords(facilitator.doc).has('shape:zone-own')).toBe(false)
  expect(openBoardRecords(facilitator.doc).has('shape:first')).toBe(true)
})
