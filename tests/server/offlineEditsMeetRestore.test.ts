import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { openBoardRecords, readBoardRecords } from '../../shared/boardDocument.js'
import { VersionSummary } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitFor, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const textsOf = (doc: Y.Doc) =>
  Object.fromEntries(
    readBoardRecords(doc)
      .filter((record) => record.typeName === 'shape' && record.id.startsWith('shape:n'))
      .map((record) => [record.id, (record.props as { text: string }).text])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  )

async function serverHas(boardId: string, doc: Y.Doc): Promise<void> {
  const room = await waitForValue(
    () => server.app.rooms.peekLoaded(boardId),
    (loaded) => loaded !== undefined && JSON.stringify(textsOf(loaded.doc)) === JSON.stringify(textsOf(doc)),
    'the server has the edits',
  )
  await room!.whenStored()
}

/**
 * What Yjs makes of a device that was offline during a restore: its new notes are kept, a note it
 * edited that the restore removed comes back with its edit, and where both it and the restore
 * rewrote a note, one of the two writes wins everywhere. Which one depends on how Yjs orders the
 * two concurrent entries (here: the device's Yjs client id against the server's), not on time.
 */
test.each([
  // Yjs puts the concurrent entry of the lower client id first: the rightmost (the other) wins.
  ['a lower client id than the server: the restore wins', 1, 'alkuperäinen'],
  ['a higher client id than the server: the offline edit wins', 0xfffffff0, 'muokattu offline'],
])('an offline device with %s', async (_label, clientId, winner) => {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Offline ja palautus')
  const offlineDoc = new Y.Doc()
  offlineDoc.clientID = clientId
  const device = connectClient(server.syncUrl, board.id, tokens.edit, offlineDoc)
  const other = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(device, other)
  await Promise.all([waitForSync(device), waitForSync(other)])
  const records = openBoardRecords(device.doc)
  records.set('shape:nX', looseNote('nX', { text: 'alkuperäinen' }))
  await serverHas(board.id, device.doc)
  const version = VersionSummary.parse(
    (await boardApi(server.url, 'POST', `/api/boards/${board.id}/versions`, tokens.facilitator, { name: 'V' })).body,
  )
  // Online after the version: X edited, D added.
  records.set('shape:nX', looseNote('nX', { text: 'muokattu verkossa' }))
  records.set('shape:nD', looseNote('nD', { text: 'lisätty verkossa' }, 2900))
  await serverHas(board.id, device.doc)

  device.provider.disconnect()
  records.set('shape:nX', looseNote('nX', { text: 'muokattu offline' }))
  records.set('shape:nD', looseNote('nD', { text: 'D muokattu offline' }, 2900))
  records.set('shape:nN', looseNote('nN', { text: 'uusi offline' }, 3200))

  const restored = await boardApi(
    server.url,
    'POST',
    `/api/boards/${board.id}/versions/${version.id}/restore`,
    tokens.facilitator,
  )
  expect(restored.status).toBe(200)
  await waitFor(() => JSON.stringify(textsOf(other.doc)) === JSON.stringify({ 'shape:nX': 'alkuperäinen' }), 'restored')

  device.provider.connect()
  await waitFor(
    () =>
      JSON.stringify(textsOf(other.doc)) === JSON.stringify(textsOf(device.doc)) && 'shape:nN' in textsOf(other.doc),
    'the device and the others agree again',
  )
  const merged = textsOf(other.doc)
  // The offline note is kept; the note the restore removed comes back with the offline edit.
  expect(merged['shape:nN']).toBe('uusi offline')
  expect(merged['shape:nD']).toBe('D muokattu offline')
  // Both rewrote X: one of the two writes, the same everywhere.
  expect(merged['shape:nX']).toBe(winner)
  const room = await server.app.rooms.peekLoaded(board.id)
  expect(textsOf(room!.doc)).toEqual(merged)
})
