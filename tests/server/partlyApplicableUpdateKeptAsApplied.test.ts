/**
 * An update whose first part applies and whose second part refers to items the server never
 * received: the sender is refused (4400), and the part that did integrate is stored and relayed
 * like any edit, so the room's document is always what its stored log rebuilds. Otherwise a
 * crash would lose that part, and with it every later edit that builds on it (other clients see
 * it in the state the server sends).
 */
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyStoredLog, openBoardRecords, readBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { encodeDocumentUpdate } from '../../server/sync/protocol.js'
import { noteRecord } from '../helpers/records.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, sameState, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** The updates a fresh copy of `base` makes for each `edit`, one update per edit. */
function updatesFrom(base: Y.Doc, edits: Array<(doc: Y.Doc) => void>): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const made: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => made.push(update))
  for (const edit of edits) edit(doc)
  doc.destroy()
  return made
}

test('the part of a refused update that integrated is stored and relayed; nothing of it is only in memory', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Puolikas')
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)

  const [valid] = updatesFrom(editor.doc, [
    (doc) => openBoardRecords(doc).set('shape:whole', noteRecord('whole', 'kokonainen')),
  ])
  // Another client's second update, whose first one the server never gets.
  const [, orphan] = updatesFrom(editor.doc, [
    (doc) => openBoardRecords(doc).set('shape:never', noteRecord('never', 'ei koskaan')),
    (doc) => openBoardRecords(doc).set('shape:orphan', noteRecord('orphan', 'orpo')),
  ])
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  raw.socket.send(encodeDocumentUpdate(Y.mergeUpdates([valid!, orphan!])))
  expect((await raw.closed).code).toBe(CloseCode.badMessage)

  const room = (await server.app.rooms.peekLoaded(board.id))!
  expect(room.doc.store.pendingStructs).toBeNull()
  expect(room.doc.store.pendingDs).toBeNull()
  await room.whenStored()
  const stored = new Y.Doc()
  applyStoredLog(stored, (await server.app.storage.loadUpdates(board.id)).updates, null)
  expect(sameState(stored, room.doc)).toBe(true)
  expect(readBoardRecords(room.doc).map((record) => record.id)).not.toContain('shape:orphan')

  // The integrated part reached the editor, who builds on it.
  const records = openBoardRecords(editor.doc)
  await waitFor(() => records.has('shape:whole'), 'the integrated part reaches the editor')
  records.set('shape:whole', noteRecord('whole', 'muokattu päälle'))
  await waitFor(
    () => JSON.stringify(readBoardRecords(room.doc)).includes('muokattu päälle'),
    'the edit on top reaches the room',
  )
  await room.whenStored()

  // As after a crash: the board rebuilt from storage alone has it all, nothing pending.
  const reloaded = new Y.Doc()
  applyStoredLog(reloaded, (await server.app.storage.loadUpdates(board.id)).updates, null)
  expect(reloaded.store.pendingStructs).toBeNull()
  expect(reloaded.store.pendingDs).toBeNull()
  expect(sameState(reloaded, room.doc)).toBe(true)
  expect(JSON.stringify(readBoardRecords(reloaded))).toContain('muokattu päälle')
  expect(JSON.stringify(readBoardRecords(reloaded))).not.toContain('orpo')
})
