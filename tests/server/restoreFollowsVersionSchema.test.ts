import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  applyStoredLog,
  getMetaMap,
  META_SCHEMA_KEY,
  newBoardDocumentUpdate,
  openBoardRecords,
  readBoardRecords,
  type StoredRecord,
} from '../../shared/boardDocument.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { VersionsResponse } from '../../shared/versions.js'
import { STORAGE_ORIGIN } from '../../server/rooms/types.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const NOTE_SEQUENCE = `com.tldraw.shape.${NOTE_SHAPE_TYPE}`
type Schema = { schemaVersion: 2; sequences: Record<string, number> }

const byId = (records: readonly StoredRecord[]) => JSON.stringify([...records].sort((a, b) => a.id.localeCompare(b.id)))

/** Stores a version as an older (or newer) server would have: its state under `schema`. */
async function storeVersionUnder(boardId: string, id: string, schema: Schema, records: StoredRecord[]) {
  await server.app.storage.saveVersion(boardId, {
    id,
    kind: 'named',
    name: id,
    createdAt: new Date().toISOString(),
    createdBy: 'facilitator',
    sizeBytes: 1,
    state: newBoardDocumentUpdate(schema, records),
    snapshotJson: JSON.stringify(
      buildBoardSnapshot({
        board: { id: boardId, title: 'Skeema', template: 'blank', language: 'fi' },
        records,
        takenAt: new Date(),
      }),
    ),
  })
}

async function setUp() {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Skeema')
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)
  openBoardRecords(editor.doc).set('shape:live', looseNote('live', { text: 'Nykyinen' }))
  const room = await waitForValue(
    () => server.app.rooms.peekLoaded(board.id),
    (loaded) => loaded?.readRecords().some((record) => record.id === 'shape:live') === true,
    'the edit on the server',
  )
  await room!.whenStored()
  const liveSchema = getMetaMap(editor.doc).get(META_SCHEMA_KEY) as Schema
  // The board's page and document records, as an older version would hold them too.
  const base = readBoardRecords(editor.doc).filter((record) => record.typeName !== 'shape')
  return { board, tokens, editor, liveSchema, base }
}

test('restoring a version of an older schema writes all its records and its schema, so clients migrate them on load', async () => {
  const { board, tokens, editor, liveSchema, base } = await setUp()
  const older: Schema = { ...liveSchema, sequences: { ...liveSchema.sequences, [NOTE_SEQUENCE]: 0 } }
  const oldRecords = [...base, looseNote('old', { text: 'Vanha' })]
  await storeVersionUnder(board.id, 'v_olderschema00001', older, oldRecords)

  const answer = await boardApi(
    server.url,
    'POST',
    `/api/boards/${board.id}/versions/v_olderschema00001/restore`,
    tokens.facilitator,
  )
  expect(answer.status).toBe(200)

  // The connected client gets the version's records and schema in one change: nothing of the
  // other schema is left, and the older meta schema makes bindStoreToYDoc migrate on load.
  await waitForValue(
    async () => getMetaMap(editor.doc).get(META_SCHEMA_KEY),
    (schema) => JSON.stringify(schema) === JSON.stringify(older),
    'the version schema on the client',
  )
  expect(byId(readBoardRecords(editor.doc))).toBe(byId(oldRecords))

  // The stored log says the same after a reload of the board.
  const room = await server.app.rooms.peekLoaded(board.id)
  await room?.whenStored()
  const reloaded = new Y.Doc()
  applyStoredLog(reloaded, (await server.app.storage.loadUpdates(board.id)).updates, STORAGE_ORIGIN)
  expect(getMetaMap(reloaded).get(META_SCHEMA_KEY)).toEqual(older)
  expect(byId(readBoardRecords(reloaded))).toBe(byId(oldRecords))

  // The before-restore version keeps the board as it was, under its own schema: restoring it
  // brings back the current schema with the records.
  const versions = VersionsResponse.parse(
    (await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions`, tokens.facilitator)).body,
  ).versions
  const beforeRestore = versions.find((version) => version.kind === 'before-restore')!
  const undo = await boardApi(
    server.url,
    'POST',
    `/api/boards/${board.id}/versions/${beforeRestore.id}/restore`,
    tokens.facilitator,
  )
  expect(undo.status).toBe(200)
  await waitForValue(
    async () => getMetaMap(editor.doc).get(META_SCHEMA_KEY),
    (schema) => JSON.stringify(schema) === JSON.stringify(liveSchema),
    'the current schema back on the client',
  )
  expect(readBoardRecords(editor.doc).map((record) => record.id)).toContain('shape:live')
  expect(readBoardRecords(editor.doc).map((record) => record.id)).not.toContain('shape:old')
})

test('a version of a schema newer than the server knows is not restored, and nothing changes', async () => {
  const { board, tokens, editor, liveSchema, base } = await setUp()
  const before = byId(readBoardRecords(editor.doc))
  const newer: Schema = { ...liveSchema, sequences: { ...liveSchema.sequences, [NOTE_SEQUENCE]: 99 } }
  await storeVersionUnder(board.id, 'v_newerschema00001', newer, [...base, looseNote('future', { text: 'Tuleva' })])
  const unknownShape: Schema = { ...liveSchema, sequences: { ...liveSchema.sequences, 'com.example.shape.x': 0 } }
  await storeVersionUnder(board.id, 'v_unknownshape0001', unknownShape, base)

  for (const versionId of ['v_newerschema00001', 'v_unknownshape0001']) {
    const answer = await boardApi(
      server.url,
      'POST',
      `/api/boards/${board.id}/versions/${versionId}/restore`,
      tokens.facilitator,
    )
    expect(answer.status).toBe(409)
    expect(answer.body).toMatchObject({ error: 'version_schema_too_new' })
  }
  const versions = VersionsResponse.parse(
    (await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions`, tokens.facilitator)).body,
  ).versions
  expect(versions.map((version) => version.id).sort()).toEqual(['v_newerschema00001', 'v_unknownshape0001'])
  const room = await server.app.rooms.peekLoaded(board.id)
  expect(byId(room!.readRecords())).toBe(before)
  expect(getMetaMap(room!.doc).get(META_SCHEMA_KEY)).toEqual(liveSchema)
})
