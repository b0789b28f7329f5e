import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { getRecordsArray, openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { encodeDocumentUpdate } from '../../server/sync/protocol.js'
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

test('an update that refers to items the server never received is refused, neither stored nor kept pending', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)

  // Two updates of one client; the second continues the first, which the server never gets.
  const sender = new Y.Doc()
  Y.applyUpdate(sender, Y.encodeStateAsUpdate(editor.doc))
  const updates: Uint8Array[] = []
  sender.on('update', (update: Uint8Array) => updates.push(update))
  openBoardRecords(sender).set('shape:first', noteRecord('first', 'ensimmäinen'))
  openBoardRecords(sender).set('shape:second', noteRecord('second', 'toinen'))
  expect(updates).toHaveLength(2)

  const logBefore = (await server.app.storage.loadUpdates(board.id)).lastSeq
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  raw.socket.send(encodeDocumentUpdate(updates[1]!))
  expect(await raw.closed).toEqual({ code: CloseCode.badMessage, reason: CloseReason.badMessage })

  const room = await server.app.rooms.peekLoaded(board.id)
  expect(room?.doc.store.pendingStructs).toBeNull()
  expect(room?.doc.store.pendingDs).toBeNull()
  await room?.whenStored()
  expect((await server.app.storage.loadUpdates(board.id)).lastSeq).toBe(logBefore)

  // The board goes on: the editor's next change is stored and reaches a newcomer, the refused one does not.
  openBoardRecords(editor.doc).set('shape:after', noteRecord('after', 'jälkeen'))
  const newcomer = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitFor(() => openBoardRecords(newcomer.doc).has('shape:after'), 'the next change reaches a newcomer')
  expect(
    getRecordsArray(newcomer.doc)
      .toArray()
      .some((entry) => entry.key === 'shape:second'),
  ).toBe(false)
})
