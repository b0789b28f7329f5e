/**
 * Dot voting against the real server: the server keeps the count whatever a client sends, and
 * hidden results never reach a participant's device before the reveal.
 */
import { extractText, getDocumentProxy } from 'unpdf'
import * as Y from 'yjs'
import { parseCsv } from '../../server/picture/csv.js'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { CategoryId } from '../../shared/categories.js'
import { FACILITATION_MAP_NAME, type RegisterParticipantResponse } from '../../shared/facilitation.js'
import {
  type MyVotes,
  type OpenRoundRequest,
  type Round,
  type RoundsResponse,
  VOTING_STATE_KEY,
  VotingState,
} from '../../shared/voting.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Äänestys')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

function note(key: string, category: CategoryId, text = key): StoredRecord {
  return makeShapeRecord({
    id: `shape:${key}`,
    type: NOTE_SHAPE_TYPE,
    x: 0,
    y: 0,
    index: 'a5',
    props: { category, text, fields: {}, author: '', createdAt: 1, updatedAt: 1, w: 240, h: 160, categoryChosen: true },
  })
}

async function api(
  method: string,
  path: string,
  options: { role?: keyof CreateBoardResponse['tokens']; secret?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${created.tokens[options.role ?? 'edit']}` }
  if (options.secret) headers['x-participant'] = options.secret
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${server.url}/api/boards/${created.board.id}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function register(name: string, group: string): Promise<RegisterParticipantResponse> {
  const { status, body } = await api('POST', '/participants', { body: { name, group } })
  expect(status).toBe(201)
  return body as unknown as RegisterParticipantResponse
}

async function openRound(settings: Partial<OpenRoundRequest> = {}): Promise<Round> {
  const { status, body } = await api('POST', '/rounds', {
    role: 'facilitator',
    body: {
      scope: { kind: 'board' },
      votesPerParticipant: 3,
      maxVotesPerNote: 2,
      hiddenUntilReveal: true,
      ...settings,
    },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body as unknown as Round
}

const vote = (roundId: string, secret: string, noteId: string, delta: 1 | -1 = 1) =>
  api('POST', `/rounds/${roundId}/votes`, { secret, body: { noteId, delta } })

const votingIn = (doc: Y.Doc) =>
  VotingState.parse(doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY) ?? { rounds: [] })

async function boardWithNotes(): Promise<YClient> {
  const facilitator = connectClient(server.syncUrl, created.board.id, created.tokens.facilitator)
  clients.push(facilitator)
  await waitForSync(facilitator)
  const records = openBoardRecords(facilitator.doc)
  for (const record of [note('n1', 'need'), note('n2', 'need'), note('n3', 'strength')]) records.set(record.id, record)
  const room = await server.app.rooms.getRoom(created.board.id)
  await waitFor(() => room.readRecords().some((record) => record.id === 'shape:n3'), 'notes reach the server')
  return facilitator
}

test('one identity has one allowance across tabs, even when its votes race', async () => {
  await boardWithNotes()
  const round = await openRound({ votesPerParticipant: 3, maxVotesPerNote: 3 })
  const aino = await register('Aino', 'business')
  // Ten tabs of one device vote at once.
  const results = await Promise.all(Array.from({ length: 10 }, () => vote(round.id, aino.secret, 'shape:n1')))
  expect(results.filter((result) => result.status === 200)).toHaveLength(3)
  const refusals = results.filter((result) => result.status === 409)
  expect(refusals).toHaveLength(7)
  for (const refusal of refusals) expect(refusal.body).toMatchObject({ error: 'vote_refused', reason: 'no_votes_left' })
  const mine = await api('GET', `/rounds/${round.id}/me`, { secret: aino.secret })
  expect(mine.body).toEqual({ roundId: round.id, votes: { 'shape:n1': 3 }, remaining: 0 })
  // Taking one back frees one.
  expect((await vote(round.id, aino.secret, 'shape:n1', -1)).body).toMatchObject({ remaining: 1 })
})

test('the rules of a round hold: per-note limit, scope, deleted notes, closed rounds, view links, facilitators only', async () => {
  const facilitator = await boardWithNotes()
  const round = await openRound({
    scope: { kind: 'category', category: 'need' },
    votesPerParticipant: 3,
    maxVotesPerNote: 2,
  })
  const pekka = await register('Pekka', 'municipality')
  expect((await vote(round.id, pekka.secret, 'shape:n1')).status).toBe(200)
  expect((await vote(round.id, pekka.secret, 'shape:n1')).status).toBe(200)
  expect((await vote(round.id, pekka.secret, 'shape:n1')).body).toMatchObject({ reason: 'note_limit_reached' })
  expect((await vote(round.id, pekka.secret, 'shape:n3')).body).toMatchObject({ reason: 'note_not_in_round' })
  expect((await vote(round.id, pekka.secret, 'shape:nope')).body).toMatchObject({ reason: 'note_deleted' })
  expect((await vote(round.id, pekka.secret, 'shape:n2', -1)).body).toMatchObject({ reason: 'no_vote_to_take_back' })
  expect((await vote('r_doesnotexist1', pekka.secret, 'shape:n2')).status).toBe(404)
  expect((await vote(round.id, 'not-a-secret', 'shape:n2')).body).toMatchObject({ reason: 'participant_unknown' })
  const viewer = await api('POST', `/rounds/${round.id}/votes`, {
    role: 'view',
    secret: pekka.secret,
    body: { noteId: 'shape:n2', delta: 1 },
  })
  expect(viewer.status).toBe(403)
  expect(
    (
      await api('POST', '/rounds', {
        role: 'edit',
        body: { scope: { kind: 'board' }, votesPerParticipant: 1, maxVotesPerNote: 1, hiddenUntilReveal: false },
      })
    ).status,
  ).toBe(403)
  expect((await api('POST', `/rounds/${round.id}/reveal`, { role: 'edit' })).status).toBe(403)
  // A round on a zone the board does not have, or ending in the past, is refused with a reason.
  const badRound = (settings: Record<string, unknown>) =>
    api('POST', '/rounds', {
      role: 'facilitator',
      body: {
        scope: { kind: 'board' },
        votesPerParticipant: 1,
        maxVotesPerNote: 1,
        hiddenUntilReveal: false,
        ...settings,
      },
    })
  expect(await badRound({ scope: { kind: 'zone', zoneId: 'shape:no-such-zone' } })).toMatchObject({
    status: 400,
    body: { error: 'bad_request', reason: 'zone_unknown' },
  })
  expect(await badRound({ endsAt: Date.now() - 1000 })).toMatchObject({
    status: 400,
    body: { error: 'bad_request', reason: 'ends_in_past' },
  })
  expect((await badRound({ endsAt: Date.now() + 60_000, endWithTimer: true })).status).toBe(400)
  expect(votingIn(facilitator.doc).rounds).toHaveLength(1)

  // A note deleted after it got votes keeps them, shown as deleted.
  openBoardRecords(facilitator.doc).delete('shape:n1')
  const room = await server.app.rooms.getRoom(created.board.id)
  await waitFor(() => !room.readRecords().some((record) => record.id === 'shape:n1'), 'note deleted on the server')
  expect((await vote(round.id, pekka.secret, 'shape:n1')).body).toMatchObject({ reason: 'note_deleted' })
  const closed = await api('POST', `/rounds/${round.id}/close`, { role: 'facilitator' })
  expect(closed.body).toMatchObject({ status: 'closed', revealed: false, results: null })
  expect((await vote(round.id, pekka.secret, 'shape:n2')).body).toMatchObject({ reason: 'round_closed' })
  const revealed = (await api('POST', `/rounds/${round.id}/reveal`, { role: 'facilitator' })).body as unknown as Round
  expect(revealed.results?.notes).toEqual([
    { noteId: 'shape:n1', total: 2, byGroup: { municipality: 2 }, deleted: true, text: 'n1', category: 'need' },
  ])
})

test('hidden results reach no participant before the reveal; then everyone has the same split by group', async () => {
  const facilitator = await boardWithNotes()
  const participant = connectClient(server.syncUrl, created.board.id, created.tokens.edit)
  clients.push(participant)
  await waitForSync(participant)
  const round = await openRound({ votesPerParticipant: 2, maxVotesPerNote: 2, hiddenUntilReveal: true })
  const voters = [
    await register('Aino', 'business'),
    await register('Bertta', 'business'),
    await register('Cecilia', 'education'),
  ]
  for (const voter of voters) expect((await vote(round.id, voter.secret, 'shape:n2')).status).toBe(200)
  expect((await vote(round.id, voters[2]!.secret, 'shape:n3')).status).toBe(200)
  await waitFor(() => votingIn(participant.doc).rounds.length === 1, 'participant sees the round')

  // What a participant's device holds: the round, never its counts.
  expect(votingIn(participant.doc).rounds[0]!.results).toBeNull()
  expect(Buffer.from(Y.encodeStateAsUpdate(participant.doc)).toString('latin1')).not.toContain('byGroup')
  const asParticipant = (await api('GET', '/rounds')).body as unknown as RoundsResponse
  expect(asParticipant.rounds[0]!.results).toBeNull()
  expect((await api('GET', `/rounds/${round.id}`, { role: 'view' })).body).toMatchObject({ results: null })
  const asFacilitator = (await api('GET', '/rounds', { role: 'facilitator' })).body as unknown as RoundsResponse
  expect(asFacilitator.rounds[0]!.results?.votesCast).toBe(4)

  // A modified client writing results or votes into the document changes nothing.
  participant.doc.getMap(FACILITATION_MAP_NAME).set(VOTING_STATE_KEY, { rounds: [] })
  await waitFor(() => votingIn(participant.doc).rounds.length === 1, 'forged voting state undone')

  await api('POST', `/rounds/${round.id}/reveal`, { role: 'facilitator' })
  const expected = {
    notes: [
      { noteId: 'shape:n2', total: 3, byGroup: { business: 2, education: 1 }, deleted: false, text: 'n2' },
      { noteId: 'shape:n3', total: 1, byGroup: { education: 1 }, deleted: false, text: 'n3' },
    ],
    voters: 3,
    votesCast: 4,
  }
  for (const client of [participant, facilitator]) {
    await waitFor(() => votingIn(client.doc).rounds[0]?.results !== null, 'results arrive')
    const results = votingIn(client.doc).rounds[0]!.results!
    expect(results).toMatchObject(expected)
    expect(results.votersByGroup).toMatchObject({ business: 2, education: 1, municipality: 0 })
  }
})

test('a round that ends with the timer refuses votes once the time is up', async () => {
  await boardWithNotes()
  const timer = await api('POST', '/facilitation', {
    role: 'facilitator',
    body: { type: 'timerStart', durationMs: 1000 },
  })
  expect(timer.status).toBe(200)
  const round = await openRound({ endWithTimer: true, hiddenUntilReveal: false })
  expect(round).toMatchObject({ endsWithTimer: true, endsAt: null })
  const timerEndsAt = (timer.body.state as { timer: { endsAt: number } }).timer.endsAt
  const aino = await register('Aino', 'association')
  expect((await vote(round.id, aino.secret, 'shape:n2')).status).toBe(200)
  await waitFor(() => Date.now() >= timerEndsAt + 50, 'the timer runs out')
  expect((await vote(round.id, aino.secret, 'shape:n2')).body).toMatchObject({ reason: 'round_closed' })
  const rounds = (await api('GET', '/rounds')).body as unknown as RoundsResponse
  expect(rounds.rounds[0]).toMatchObject({ status: 'closed' })
  // An open round's results are visible as they come.
  expect(rounds.rounds[0]!.results?.votesCast).toBe(1)
})

test('votes survive a restart; the allowance still holds', async () => {
  await boardWithNotes()
  const round = await openRound({ votesPerParticipant: 1, maxVotesPerNote: 1 })
  const aino = await register('Aino', 'business')
  expect((await vote(round.id, aino.secret, 'shape:n1')).status).toBe(200)
  const dataDir = server.dataDir
  await server.close()
  server = await startTestServer({ dataDir })
  expect((await vote(round.id, aino.secret, 'shape:n2')).body).toMatchObject({ reason: 'no_votes_left' })
  const mine = (await api('GET', `/rounds/${round.id}/me`, { secret: aino.secret })).body as unknown as MyVotes
  expect(mine.votes).toEqual({ 'shape:n1': 1 })
})

test('the situational picture carries the round: snapshot, CSV vote columns by group, and the memo', async () => {
  await boardWithNotes()
  const first = await openRound({ votesPerParticipant: 2, maxVotesPerNote: 2, hiddenUntilReveal: true })
  const aino = await register('Aino', 'business')
  const cecilia = await register('Cecilia', 'education')
  await vote(first.id, aino.secret, 'shape:n2')
  await vote(first.id, aino.secret, 'shape:n2')
  await vote(first.id, cecilia.secret, 'shape:n1')
  const headers = { authorization: `Bearer ${created.tokens.view}` }
  const csvOf = async (query = '') => {
    const response = await fetch(`${server.url}/api/boards/${created.board.id}/export.csv${query}`, { headers })
    return { status: response.status, rows: parseCsv((await response.text()).replace(/^\uFEFF/, '')) }
  }
  // Hidden: neither the snapshot nor the CSV has counts yet.
  const hidden = (await api('GET', '/snapshot', { role: 'view' })).body as { rounds: Round[] }
  expect(hidden.rounds).toHaveLength(1)
  expect(hidden.rounds[0]!.results).toBeNull()
  const before = await csvOf()
  expect(before.rows[0]).not.toContain('Äänet: Yritys')
  expect(before.rows.find((row) => row.includes('n2'))?.[before.rows[0]!.indexOf('Äänet')]).toBe('')

  await api('POST', `/rounds/${first.id}/reveal`, { role: 'facilitator' })
  const snapshot = (await api('GET', '/snapshot', { role: 'view' })).body as { schemaVersion: number; rounds: Round[] }
  expect(snapshot.schemaVersion).toBe(3)
  expect(snapshot.rounds[0]!.results?.notes.map((note) => [note.noteId, note.total])).toEqual([
    ['shape:n2', 2],
    ['shape:n1', 1],
  ])
  const { rows } = await csvOf()
  const header = rows[0]!
  const cell = (noteId: string, column: string) => {
    const row = rows.find((candidate) => candidate.some((value) => value === noteId.replace('shape:', '')))
    return row?.[header.indexOf(column)]
  }
  // The groups' columns follow the votes column; the id stays last.
  expect(header.slice(header.indexOf('Äänet'), header.indexOf('Äänet') + 4)).toEqual([
    'Äänet',
    'Äänet: Kunta',
    'Äänet: Koulutus ja tutkimus',
    'Äänet: Yritys',
  ])
  expect(header.at(-1)).toBe('Tunniste')
  expect(header).toContain('Äänet: Koulutus ja tutkimus')
  expect(cell('shape:n2', 'Äänet')).toBe('2')
  expect(cell('shape:n2', 'Äänet: Yritys')).toBe('2')
  expect(cell('shape:n1', 'Äänet: Koulutus ja tutkimus')).toBe('1')
  expect(cell('shape:n3', 'Äänet')).toBe('0')

  // A later round without votes yet: ?round= still picks the first; the latest is the default.
  const second = await openRound({ hiddenUntilReveal: false })
  await vote(second.id, cecilia.secret, 'shape:n3')
  const chosen = await csvOf(`?round=${first.id}`)
  expect(chosen.rows.find((row) => row.includes('n2'))?.[chosen.rows[0]!.indexOf('Äänet')]).toBe('2')
  expect((await csvOf('?round=r_unknownround')).status).toBe(404)

  // The memo shows the latest round's votes per group in the board's language; an open round's
  // results reach the document shortly after the votes.
  await waitForValue(
    async () => ((await api('GET', '/snapshot', { role: 'view' })).body as { rounds: Round[] }).rounds,
    (rounds) => rounds[1]?.results?.votesCast === 1,
    'live results in the snapshot',
  )
  const pdf = await fetch(`${server.url}/api/boards/${created.board.id}/export.pdf`, { headers })
  expect(pdf.status).toBe(200)
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
    mergePages: true,
  })
  expect(text).toMatch(/1 ääni \(Koulutus ja tutkimus 1\)/)
  expect(text).toMatch(/Osallistujia\s*1/)
})
