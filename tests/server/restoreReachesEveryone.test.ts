import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { openBoardRecords, readBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME } from '../../shared/facilitation.js'
import { RestoreResponse, VersionSummary, VersionsResponse } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitFor, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** The records of a document by id, as JSON: what "exactly the same records" compares. */
const recordsOf = (doc: Y.Doc) =>
  Object.fromEntries(
    readBoardRecords(doc)
      .map((record): [string, string] => [record.id, JSON.stringify(record)])
      .sort(([a], [b]) => a.localeCompare(b)),
  )

/** Waits until the server's room holds the records of `doc` and has stored them. */
async function serverHas(boardId: string, doc: Y.Doc): Promise<void> {
  const room = await waitForValue(
    () => server.app.rooms.peekLoaded(boardId),
    (loaded) => loaded !== undefined && JSON.stringify(recordsOf(loaded.doc)) === JSON.stringify(recordsOf(doc)),
    'the server has the edits',
  )
  await room!.whenStored()
}

test('a restore gives every connected client exactly the old records, and restoring the before-restore version undoes it', async () => {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Palautus')
  const alice = connectClient(server.syncUrl, board.id, tokens.edit)
  const bob = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(alice, bob)
  await Promise.all([waitForSync(alice), waitForSync(bob)])
  const records = openBoardRecords(alice.doc)
  records.set('shape:keep', looseNote('keep', { text: 'Pysyy' }))
  records.set('shape:edit', looseNote('edit', { text: 'Alkuperäinen' }, 2900, 600))
  records.set('shape:gone', looseNote('gone', { text: 'Poistetaan myöhemmin' }, 3200, 600))
  await serverHas(board.id, alice.doc)
  const made = await boardApi(server.url, 'POST', `/api/boards/${board.id}/versions`, tokens.facilitator, {
    name: 'Työpaja 1',
  })
  const version = VersionSummary.parse(made.body)
  const old = recordsOf(alice.doc)

  // After the workshop: an edit, a deletion, a new note; the facilitator starts the timer.
  records.set('shape:edit', looseNote('edit', { text: 'Muokattu' }, 2900, 600))
  records.delete('shape:gone')
  records.set('shape:new', looseNote('new', { text: 'Uusi' }, 3500, 600))
  const timer = await boardApi(server.url, 'POST', `/api/boards/${board.id}/facilitation`, tokens.facilitator, {
    type: 'timerStart',
    durationMs: 600_000,
  })
  expect(timer.status).toBe(200)
  await waitFor(() => JSON.stringify(recordsOf(bob.doc)) === JSON.stringify(recordsOf(alice.doc)), 'bob has the edits')
  const edited = recordsOf(alice.doc)
  expect(edited).not.toEqual(old)
  const facilitation = () => JSON.stringify(bob.doc.getMap(FACILITATION_MAP_NAME).toJSON())
  const facilitationBefore = facilitation()

  const answer = await boardApi(
    server.url,
    'POST',
    `/api/boards/${board.id}/versions/${version.id}/restore`,
    tokens.facilitator,
  )
  expect(answer.status).toBe(200)
  const restore = RestoreResponse.parse(answer.body)
  expect(restore).toMatchObject({ restored: { id: version.id }, beforeRestore: { kind: 'before-restore' } })
  // shape:edit and shape:gone written, shape:new removed.
  expect([restore.put, restore.removed]).toEqual([2, 1])
  for (const client of [alice, bob]) {
    await waitFor(() => JSON.stringify(recordsOf(client.doc)) === JSON.stringify(old), 'the old records everywhere')
  }
  // Timer and other facilitation state are not part of what a restore changes.
  expect(facilitation()).toBe(facilitationBefore)
  expect(JSON.parse(recordsOf(bob.doc)['shape:edit']!).props.text).toBe('Alkuperäinen')

  // Undo: restore the before-restore version.
  const undo = await boardApi(
    server.url,
    'POST',
    `/api/boards/${board.id}/versions/${restore.beforeRestore.id}/restore`,
    tokens.facilitator,
  )
  expect(undo.status).toBe(200)
  for (const client of [alice, bob]) {
    await waitFor(() => JSON.stringify(recordsOf(client.doc)) === JSON.stringify(edited), 'the edits back everywhere')
  }

  // History was never deleted: the named version and both before-restore versions remain.
  const { versions } = VersionsResponse.parse(
    (await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions`, tokens.facilitator)).body,
  )
  expect(versions.map((v) => v.kind).sort()).toEqual(['before-restore', 'before-restore', 'named'])

  // A client that joins now loads the same records.
  const late = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(late)
  await waitForSync(late)
  expect(recordsOf(late.doc)).toEqual(edited)
  // The server's stored log, reloaded, holds them too.
  await server.app.rooms.peekLoaded(board.id).then((room) => room?.whenStored())
  const reloaded = new Y.Doc()
  for (const update of (await server.app.storage.loadUpdates(board.id)).updates) Y.applyUpdate(reloaded, update)
  expect(recordsOf(reloaded)).toEqual(edited)
  const keep: StoredRecord | undefined = readBoardRecords(reloaded).find((record) => record.id === 'shape:keep')
  expect(keep).toBeDefined()
})
