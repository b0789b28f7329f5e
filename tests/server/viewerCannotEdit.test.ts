import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test("a viewer's document edits reach neither other clients nor storage", async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  const viewer = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(editor, viewer)
  await Promise.all([waitForSync(editor), waitForSync(viewer)])

  openBoardRecords(viewer.doc).set('shape:intruder', noteRecord('intruder', 'should not land'))
  // An edit from an editor afterwards proves the pipeline ran past the viewer's update.
  openBoardRecords(editor.doc).set('shape:legit', noteRecord('legit', 'lands'))
  await waitFor(() => openBoardRecords(viewer.doc).has('shape:legit'), 'editor note reaches viewer')

  const room = await server.app.rooms.getRoom(board.id)
  await room.whenStored()
  expect(openBoardRecords(editor.doc).has('shape:intruder')).toBe(false)
  expect(openBoardRecords(room.doc).has('shape:intruder')).toBe(false)

  const stored = new Y.Doc()
  for (const update of (await server.app.storage.loadUpdates(board.id)).updates) Y.applyUpdate(stored, update)
  const storedRecords = openBoardRecords(stored)
  expect(storedRecords.has('shape:legit')).toBe(true)
  expect(storedRecords.has('shape:intruder')).toBe(false)

  // A new editor sees only the legitimate note.
  const late = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(late)
  await waitForSync(late)
  await waitFor(() => openBoardRecords(late.doc).has('shape:legit'), 'late editor synced')
  expect(openBoardRecords(late.doc).has('shape:intruder')).toBe(false)
})
