import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { VersionSummary, VersionsResponse } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const listVersions = async (boardId: string, token: string) => {
  const answer = await boardApi(server.url, 'GET', `/api/boards/${boardId}/versions`, token)
  expect(answer.status).toBe(200)
  return VersionsResponse.parse(answer.body).versions
}

test('an automatic version when the last person leaves after edits; none when nothing changed', async () => {
  // The room closes 50 ms after its last connection leaves: the busy period has ended.
  server = await startTestServer({ env: { ROOM_IDLE_MS: '50' } })
  const { board, tokens } = await server.createBoard('Automaattinen')
  expect(await listVersions(board.id, tokens.facilitator)).toEqual([])

  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)
  openBoardRecords(editor.doc).set('shape:n1', looseNote('n1', { text: 'Osaajapula' }))
  await waitForValue(
    async () => (await server.app.storage.loadUpdates(board.id)).lastSeq,
    (seq) => seq >= 2,
    'the edit stored',
  )
  editor.provider.disconnect()
  const [automatic] = await waitForValue(
    () => listVersions(board.id, tokens.edit),
    (versions) => versions.length === 1,
    'an automatic version after the last person left',
  )
  expect(automatic).toMatchObject({ kind: 'automatic', name: null, createdBy: null })
  const snapshot = await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions/${automatic!.id}`, tokens.edit)
  expect(BoardSnapshot.parse(snapshot.body).notes.map((note) => note.text)).toEqual(['Osaajapula'])

  // Someone comes and goes without changing anything: no second version.
  const viewer = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(viewer)
  await waitForSync(viewer)
  viewer.provider.disconnect()
  await waitForValue(
    async () => (await server.app.rooms.peekLoaded(board.id)) === undefined,
    (evicted) => evicted,
    'the room closed again',
  )
  expect(await listVersions(board.id, tokens.edit)).toHaveLength(1)
})

test('during long activity an automatic version at most every interval, skipped while unchanged', async () => {
  server = await startTestServer({ config: { versionIntervalMs: 300 } })
  const { board, tokens } = await server.createBoard('Pitkä työpaja')
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)
  const records = openBoardRecords(editor.doc)
  records.set('shape:n1', looseNote('n1', { text: 'Ensimmäinen' }))
  const [first] = await waitForValue(
    () => listVersions(board.id, tokens.facilitator),
    (versions) => versions.length === 1,
    'the first interval version',
  )
  records.set('shape:n2', looseNote('n2', { text: 'Toinen' }))
  const versions = await waitForValue(
    () => listVersions(board.id, tokens.facilitator),
    (list) => list.length === 2,
    'the second interval version',
  )
  expect(versions.map((version) => version.kind)).toEqual(['automatic', 'automatic'])
  expect(Date.parse(versions[0]!.createdAt) - Date.parse(first!.createdAt)).toBeGreaterThanOrEqual(250)

  // A write that leaves the records as they were (the same note set again) makes no version: the
  // check it schedules runs, counts the board as unchanged, and the list stays as it was.
  const checks = { ...server.app.versions.automaticChecks }
  records.set('shape:n2', looseNote('n2', { text: 'Toinen' }))
  await waitForValue(
    async () => server.app.versions.automaticChecks.unchanged,
    (unchanged) => unchanged > checks.unchanged,
    'the check after the unchanged write',
  )
  expect(server.app.versions.automaticChecks.stored).toBe(checks.stored)
  expect(await listVersions(board.id, tokens.facilitator)).toEqual(versions)
})

test('a facilitator names a version; it is stored with its name, role and snapshot', async () => {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Nimetty')
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)
  openBoardRecords(editor.doc).set('shape:n1', looseNote('n1', { text: 'Ennen työpajaa' }))
  await waitForValue(
    async () => (await server.app.storage.loadUpdates(board.id)).lastSeq,
    (seq) => seq >= 2,
    'the edit stored',
  )
  const created = await boardApi(server.url, 'POST', `/api/boards/${board.id}/versions`, tokens.facilitator, {
    name: '  Työpaja 1 jälkeen ',
  })
  expect(created.status).toBe(201)
  const version = VersionSummary.parse(created.body)
  expect(version).toMatchObject({ kind: 'named', name: 'Työpaja 1 jälkeen', createdBy: 'facilitator' })
  expect(version.sizeBytes).toBeGreaterThan(100)
  expect(await listVersions(board.id, tokens.edit)).toEqual([version])
  const snapshot = BoardSnapshot.parse(
    (await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions/${version.id}`, tokens.facilitator)).body,
  )
  expect(snapshot.notes.map((note) => note.text)).toEqual(['Ennen työpajaa'])
})
