/**
 * Moving one board between installations as a file: exported from one real server, imported
 * into another with its own data directory, it is the same board there (records, rounds, votes)
 * under new links, and files that are not a board are refused without making one.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { type BoardFile, BOARD_FILE_FORMAT } from '../../shared/boardFile.js'
import { getRecordsArray, openBoardRecords, readBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME, readFacilitation, type RegisterParticipantResponse } from '../../shared/facilitation.js'
import type { Round } from '../../shared/voting.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { looseNote } from '../helpers/versions.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const servers: TestServer[] = []
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.close()
})

function boardCount(at: TestServer): number {
  const db = new Database(path.join(at.dataDir, 'tilannekuva.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function server(env: Record<string, string> = {}): Promise<TestServer> {
  const started = await startTestServer({ env })
  servers.push(started)
  return started
}

const note = (key: string, text: string): StoredRecord => looseNote(key, { text }, 100, 100)

async function call(at: TestServer, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${at.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

const importFile = (at: TestServer, file: unknown) =>
  fetch(`${at.url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof file === 'string' ? file : JSON.stringify(file),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }))

/** A board on `at` with two notes, a voting round with two votes, a running timer and a freeze. */
async function workshopBoard(at: TestServer): Promise<{ created: CreateBoardResponse; round: Round }> {
  const created = await at.createBoard('Keski-Suomen työpaja')
  const { board, tokens } = created
  const editor = connectClient(at.syncUrl, board.id, tokens.edit)
  clients.push(editor)
  await waitForSync(editor)
  const records = openBoardRecords(editor.doc)
  records.set('shape:osaajat', note('osaajat', 'Osaajapula'))
  records.set('shape:yhteistyo', note('yhteistyo', 'Yhteistyö yritysten kanssa'))
  const room = await at.app.rooms.getRoom(board.id)
  await waitFor(() => room.readRecords().some((record) => record.id === 'shape:yhteistyo'), 'notes reach the server')

  const opened = await call(at, 'POST', `/api/boards/${board.id}/rounds`, tokens.facilitator, {
    scope: { kind: 'board' },
    votesPerParticipant: 3,
    maxVotesPerNote: 2,
    hiddenUntilReveal: false,
  })
  expect(opened.status).toBe(201)
  const round = opened.body as unknown as Round
  const aino = (await call(at, 'POST', `/api/boards/${board.id}/participants`, tokens.edit, {
    name: 'Aino',
    group: 'business',
  })) as { body: unknown }
  const secret = (aino.body as RegisterParticipantResponse).secret
  for (let i = 0; i < 2; i++) {
    const voted = await fetch(`${at.url}/api/boards/${board.id}/rounds/${round.id}/votes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.edit}`, 'x-participant': secret, 'content-type': 'application/json' },
      body: JSON.stringify({ noteId: 'shape:osaajat', delta: 1 }),
    })
    expect(voted.status).toBe(200)
  }
  for (const command of [
    { type: 'timerStart', durationMs: 600_000 },
    { type: 'freeze', frozen: true },
  ]) {
    expect((await call(at, 'POST', `/api/boards/${board.id}/facilitation`, tokens.facilitator, command)).status).toBe(
      200,
    )
  }
  return { created, round }
}

test('a board exported from one installation is the same board in another, with new links', async () => {
  const here = await server()
  const there = await server()
  const { created, round } = await workshopBoard(here)

  expect((await call(here, 'GET', `/api/boards/${created.board.id}/file`, created.tokens.edit)).status).toBe(403)
  expect((await call(here, 'GET', `/api/boards/${created.board.id}/file`, created.tokens.view)).status).toBe(403)
  const exported = await call(here, 'GET', `/api/boards/${created.board.id}/file`, created.tokens.facilitator)
  expect(exported.status).toBe(200)
  expect(exported.headers.get('content-disposition')).toMatch(
    /^attachment; filename="tilannekuva-keski-suomen-tyopaja-\d{4}-\d\d-\d\d\.tilannekuva\.json"/,
  )
  expect(exported.headers.get('cache-control')).toBe('no-store')
  const file = exported.body as unknown as BoardFile
  expect(file).toMatchObject({ format: BOARD_FILE_FORMAT, formatVersion: 1, board: { title: 'Keski-Suomen työpaja' } })
  expect(file.votes).toEqual([
    { roundId: round.id, participantId: expect.any(String), noteId: 'shape:osaajat', group: 'business', count: 2 },
  ])
  // Readable without the app: the snapshot holds the notes.
  expect(JSON.stringify(file.snapshot)).toContain('Osaajapula')

  const imported = await importFile(there, file)
  expect(imported.status).toBe(201)
  const moved = imported.body as unknown as CreateBoardResponse
  expect(moved.board.id).not.toBe(created.board.id)
  expect(moved.tokens.facilitator).not.toBe(created.tokens.facilitator)
  expect(moved.board).toMatchObject({ title: 'Keski-Suomen työpaja', template: created.board.template })

  // Every record arrives as it was, on a board clients can join.
  const reader = connectClient(there.syncUrl, moved.board.id, moved.tokens.edit)
  clients.push(reader)
  await waitForSync(reader)
  const original = (await here.app.rooms.getRoom(created.board.id)).readRecords()
  const byId = (records: StoredRecord[]) => new Map(records.map((record) => [record.id, record]))
  expect(byId(readBoardRecords(reader.doc))).toEqual(byId(original))

  // The round and its votes came along; the live state of the workshop did not.
  const rounds = await call(there, 'GET', `/api/boards/${moved.board.id}/rounds/${round.id}`, moved.tokens.facilitator)
  expect(rounds.status).toBe(200)
  expect((rounds.body as unknown as Round).results?.notes[0]).toMatchObject({
    noteId: 'shape:osaajat',
    total: 2,
    byGroup: { business: 2 },
  })
  const facilitation = readFacilitation(reader.doc.getMap(FACILITATION_MAP_NAME))
  expect(facilitation.frozen).toBe(false)
  expect(facilitation.timer.status).toBe('idle')
  // A participant can write there at once.
  openBoardRecords(reader.doc).set('shape:uusi', note('uusi', 'Uusi lappu'))
  const movedRoom = await there.app.rooms.getRoom(moved.board.id)
  await waitFor(() => movedRoom.readRecords().some((record) => record.id === 'shape:uusi'), 'a new note is kept')
})

test('a file that is not a board is refused and makes no board', async () => {
  const there = await server({ MAX_BOARD_BYTES: String(64 * 1024) })
  const here = await server()
  const { created } = await workshopBoard(here)
  const file = (await call(here, 'GET', `/api/boards/${created.board.id}/file`, created.tokens.facilitator))
    .body as unknown as BoardFile
  const boardsBefore = boardCount(there)

  const refusals: [unknown, number, RegExp][] = [
    ['{ not json', 400, /JSON/],
    [{ ...file, format: 'something-else' }, 400, /invalid/],
    [{ ...file, state: '!!!' }, 400, /invalid/],
    [{ ...file, state: Buffer.from('no yjs here').toString('base64') }, 400, /not a board document/],
    [
      { ...file, state: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64') },
      400,
      /no schema or no page/,
    ],
  ]
  // A state whose items need predecessors the file does not have.
  const origin = new Y.Doc()
  getRecordsArray(origin).push([{ key: 'shape:a', val: note('a', 'a') }])
  const before = Y.encodeStateVector(origin)
  getRecordsArray(origin).push([{ key: 'shape:b', val: note('b', 'b') }])
  refusals.push([
    { ...file, state: Buffer.from(Y.encodeStateAsUpdate(origin, before)).toString('base64') },
    400,
    /parts of a document/,
  ])
  // Over this server's board size limit.
  const big = new Y.Doc()
  getRecordsArray(big).push([{ key: 'shape:big', val: note('big', 'x'.repeat(100 * 1024)) }])
  refusals.push([{ ...file, state: Buffer.from(Y.encodeStateAsUpdate(big)).toString('base64') }, 413, /limit/])

  for (const [body, status, message] of refusals) {
    const answer = await importFile(there, body)
    expect(answer.status, JSON.stringify(answer.body)).toBe(status)
    expect(String(answer.body.message)).toMatch(message)
  }
  const wrongType = await fetch(`${there.url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(file),
  })
  expect(wrongType.status).toBe(415)
  expect(boardCount(there)).toBe(boardsBefore)
  expect((await call(here, 'GET', '/api/boards/nosuchboard000000000000/file', created.tokens.facilitator)).status).toBe(
    404,
  )
})

test('every import attempt counts towards the boards an address may create in an hour', async () => {
  const here = await server()
  const { created } = await workshopBoard(here)
  const file = (await call(here, 'GET', `/api/boards/${created.board.id}/file`, created.tokens.facilitator)).body
  const there = await server({ BOARDS_PER_HOUR_PER_IP: '2' })
  expect((await importFile(there, file)).status).toBe(201)
  // Reading a large file costs the server: a file that is no board uses an attempt too.
  expect((await importFile(there, { ...file, state: 'AAAA' })).status).toBe(400)
  const refused = await importFile(there, file)
  expect(refused.status).toBe(429)
  expect(refused.body.error).toBe('rate_limited')
})
