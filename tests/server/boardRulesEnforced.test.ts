/**
 * The server's board rules (server/rooms/updateRules.ts) against real y-websocket clients: a
 * refused change is undone for everyone, the sender's copy converges on the board's, and nothing
 * refused reappears on reconnect or reaches storage.
 */
import * as Y from 'yjs'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { openBoardRecords, readBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import {
  FACILITATION_MAP_NAME,
  type FacilitationCommand,
  type FacilitationResponse,
  readFacilitation,
} from '../../shared/facilitation.js'
import { DEFAULT_TEMPLATE, getTemplate, zoneShapeId } from '../../shared/templates.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []

beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Säännöt')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

function situationNote(key: string, text: string, author = 'Maija'): StoredRecord {
  return makeShapeRecord({
    id: `shape:${key}`,
    type: NOTE_SHAPE_TYPE,
    x: 100,
    y: 100,
    index: 'a5',
    props: {
      category: 'strength',
      text,
      fields: {},
      author,
      createdAt: 1,
      updatedAt: 1,
      w: 240,
      h: 160,
      categoryChosen: false,
    },
  })
}

async function join(role: 'facilitator' | 'edit' | 'view'): Promise<YClient> {
  const client = connectClient(server.syncUrl, created.board.id, created.tokens[role])
  clients.push(client)
  await waitForSync(client)
  return client
}

async function command(body: FacilitationCommand, role: 'facilitator' | 'edit' | 'view' = 'facilitator') {
  return fetch(`${server.url}/api/boards/${created.board.id}/facilitation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens[role]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

const recordOf = (client: YClient, id: string) => readBoardRecords(client.doc).find((record) => record.id === id)
const textOf = (record: StoredRecord | undefined) => (record?.props as { text?: string } | undefined)?.text
const authorOf = (record: StoredRecord | undefined) => (record?.props as { author?: string } | undefined)?.author
const facilitationOf = (doc: Y.Doc) => readFacilitation(doc.getMap(FACILITATION_MAP_NAME))

async function storedBytes(): Promise<string> {
  const room = await server.app.rooms.getRoom(created.board.id)
  await room.whenStored()
  const { updates } = await server.app.storage.loadUpdates(created.board.id)
  return Buffer.concat(updates).toString('latin1')
}

test("a frozen board undoes a participant's edits for everyone, and they do not come back on reconnect", async () => {
  const participant = await join('edit')
  const facilitator = await join('facilitator')
  openBoardRecords(participant.doc).set('shape:n1', situationNote('n1', 'ennen jäädytystä'))
  await waitFor(() => textOf(recordOf(facilitator, 'shape:n1')) === 'ennen jäädytystä', 'note reaches facilitator')

  expect((await command({ type: 'freeze', frozen: true })).status).toBe(200)
  await waitFor(() => facilitationOf(participant.doc).frozen, 'participant sees the freeze')

  const participantRecords = openBoardRecords(participant.doc)
  participantRecords.set('shape:n1', situationNote('n1', 'jäädytyksen aikana'))
  participantRecords.set('shape:n2', situationNote('n2', 'uusi jäädytettynä'))
  // The participant's own copy comes back to the board's state.
  await waitFor(
    () => textOf(recordOf(participant, 'shape:n1')) === 'ennen jäädytystä' && !recordOf(participant, 'shape:n2'),
    "participant's copy converges",
  )
  // A facilitator still edits while the board is frozen.
  openBoardRecords(facilitator.doc).set('shape:f1', situationNote('f1', 'fasilitaattorin'))
  await waitFor(() => !!recordOf(participant, 'shape:f1'), "facilitator's note reaches participant")
  expect(recordOf(facilitator, 'shape:n2')).toBeUndefined()
  expect(textOf(recordOf(facilitator, 'shape:n1'))).toBe('ennen jäädytystä')

  expect((await command({ type: 'freeze', frozen: false })).status).toBe(200)
  await waitFor(() => !facilitationOf(participant.doc).frozen, 'participant sees the thaw')
  participant.provider.disconnect()
  participant.provider.connect()
  await waitForSync(participant)
  // Something new after the thaw proves the participant's reconnect sync has been handled.
  openBoardRecords(participant.doc).set('shape:n3', situationNote('n3', 'sulatuksen jälkeen'))
  await waitFor(() => !!recordOf(facilitator, 'shape:n3'), 'a change after the thaw lands')

  const late = await join('edit')
  for (const client of [facilitator, participant, late]) {
    expect(recordOf(client, 'shape:n2')).toBeUndefined()
    expect(textOf(recordOf(client, 'shape:n1'))).toBe('ennen jäädytystä')
  }
  const stored = await storedBytes()
  expect(stored).not.toContain('uusi jäädytettynä')
  expect(stored).not.toContain('jäädytyksen aikana')
})

test('edits made offline arrive while the board is frozen: they are undone and the copies converge', async () => {
  const participant = await join('edit')
  const facilitator = await join('facilitator')
  participant.provider.disconnect()
  expect((await command({ type: 'freeze', frozen: true })).status).toBe(200)
  openBoardRecords(participant.doc).set('shape:offline', situationNote('offline', 'kirjoitettu junassa'))
  participant.provider.connect()
  await waitForSync(participant)
  await waitFor(() => facilitationOf(participant.doc).frozen, 'participant learns of the freeze')
  await waitFor(() => !recordOf(participant, 'shape:offline'), 'the offline note is undone on the device too')
  expect(recordOf(facilitator, 'shape:offline')).toBeUndefined()
  expect(JSON.stringify(readBoardRecords(participant.doc))).toBe(JSON.stringify(readBoardRecords(facilitator.doc)))
})

test('template zones are locked for participants and movable by facilitators', async () => {
  const zoneId = zoneShapeId(getTemplate(DEFAULT_TEMPLATE).zones[1]!.key)
  const participant = await join('edit')
  const facilitator = await join('facilitator')
  const original = recordOf(participant, zoneId)!
  expect(original).toBeDefined()

  openBoardRecords(participant.doc).set(zoneId, { ...original, x: (original.x as number) + 500 })
  await waitFor(() => recordOf(participant, zoneId)?.x === original.x, 'moved zone snaps back')
  openBoardRecords(participant.doc).delete(zoneId)
  await waitFor(() => recordOf(participant, zoneId)?.x === original.x, 'deleted zone comes back')
  // Nor may a participant add a zone of their own.
  openBoardRecords(participant.doc).set('shape:zone-fake', { ...original, id: 'shape:zone-fake' })
  openBoardRecords(participant.doc).set('shape:ok', situationNote('ok', 'sallittu'))
  await waitFor(() => !!recordOf(facilitator, 'shape:ok'), 'the allowed note lands')
  await waitFor(() => !recordOf(participant, 'shape:zone-fake'), "participant's zone is removed")
  expect(recordOf(facilitator, 'shape:zone-fake')).toBeUndefined()
  expect(recordOf(facilitator, zoneId)?.x).toBe(original.x)

  openBoardRecords(facilitator.doc).set(zoneId, { ...original, x: (original.x as number) + 40 })
  await waitFor(() => recordOf(participant, zoneId)?.x === (original.x as number) + 40, "facilitator's move lands")
})

test('clients cannot write the facilitation state, not even a facilitator; the server logs and undoes it', async () => {
  const participant = await join('edit')
  const facilitator = await join('facilitator')
  participant.doc.getMap(FACILITATION_MAP_NAME).set('frozen', true)
  facilitator.doc.getMap(FACILITATION_MAP_NAME).set('anonymous', true)
  // A root type the board does not have is refused too.
  participant.doc.getArray('junk').push(['x'.repeat(1000)])
  await waitFor(
    () =>
      !facilitationOf(participant.doc).frozen &&
      !facilitationOf(facilitator.doc).anonymous &&
      participant.doc.getArray('junk').length === 0,
    'writes are undone',
  )
  const room = await server.app.rooms.getRoom(created.board.id)
  expect(room.facilitationState.frozen).toBe(false)
  expect(facilitationOf(room.doc)).toMatchObject({ frozen: false, anonymous: false })
  // The real command still works afterwards.
  expect((await command({ type: 'freeze', frozen: true })).status).toBe(200)
  await waitFor(() => facilitationOf(participant.doc).frozen, 'the command arrives')
})

test('notes made during an anonymous round carry no author anywhere, also after later edits', async () => {
  const participant = await join('edit')
  const observer = await join('facilitator')
  openBoardRecords(participant.doc).set('shape:named', situationNote('named', 'nimellä', 'Matti Meikäläinen'))
  await waitFor(() => !!recordOf(observer, 'shape:named'), 'named note lands')

  expect((await command({ type: 'anonymous', on: true })).status).toBe(200)
  await waitFor(() => facilitationOf(participant.doc).anonymous, 'participant sees the anonymous round')
  // A modified client that still writes its name.
  openBoardRecords(participant.doc).set('shape:anon', situationNote('anon', 'nimetön', 'Liisa Salainen'))
  await waitFor(() => !!recordOf(observer, 'shape:anon'), 'anonymous note lands')
  await waitFor(() => authorOf(recordOf(participant, 'shape:anon')) === '', 'stripped')
  expect(recordOf(observer, 'shape:anon')).toMatchObject({ props: { author: '' }, meta: { anonymous: true } })

  expect((await command({ type: 'anonymous', on: false })).status).toBe(200)
  await waitFor(() => !facilitationOf(participant.doc).anonymous, 'round over')
  const anon = recordOf(participant, 'shape:anon')!
  openBoardRecords(participant.doc).set('shape:anon', {
    ...anon,
    props: { ...(anon.props as object), author: 'Liisa Salainen', text: 'muokattu' },
  })
  await waitFor(() => textOf(recordOf(observer, 'shape:anon')) === 'muokattu', 'edit lands')
  expect(authorOf(recordOf(observer, 'shape:anon'))).toBe('')
  // Notes from before the round keep their author.
  expect(authorOf(recordOf(observer, 'shape:named'))).toBe('Matti Meikäläinen')

  for (const doc of [observer.doc, participant.doc]) {
    await waitFor(() => !Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1').includes('Liisa'), 'gone')
  }
  expect(await storedBytes()).not.toContain('Liisa')
})

test("the timer runs on the server's clock and only a facilitator link sets it", async () => {
  const participant = await join('edit')
  const before = Date.now()
  const started = (await (await command({ type: 'timerStart', durationMs: 300_000 })).json()) as FacilitationResponse
  expect(started.serverNow).toBeGreaterThanOrEqual(before)
  expect(started.state.timer).toEqual({ status: 'running', endsAt: started.serverNow + 300_000, durationMs: 300_000 })
  await waitFor(() => facilitationOf(participant.doc).timer.status === 'running', 'participant sees the timer')

  const paused = (await (await command({ type: 'timerPause' })).json()) as FacilitationResponse
  expect(paused.state.timer).toMatchObject({ status: 'paused', durationMs: 300_000 })
  const remaining = (paused.state.timer as { remainingMs: number }).remainingMs
  expect(remaining).toBeLessThanOrEqual(300_000)
  expect(remaining).toBeGreaterThan(300_000 - (paused.serverNow - started.serverNow) - 5)
  const added = (await (await command({ type: 'timerAdd', ms: 60_000 })).json()) as FacilitationResponse
  expect(added.state.timer).toEqual({ status: 'paused', remainingMs: remaining + 60_000, durationMs: 360_000 })
  const resumed = (await (await command({ type: 'timerResume' })).json()) as FacilitationResponse
  expect(resumed.state.timer).toEqual({
    status: 'running',
    endsAt: resumed.serverNow + remaining + 60_000,
    durationMs: 360_000,
  })
  await waitFor(
    () => JSON.stringify(facilitationOf(participant.doc).timer) === JSON.stringify(resumed.state.timer),
    'participant has the resumed timer',
  )

  for (const role of ['edit', 'view'] as const) {
    for (const body of [
      { type: 'timerReset' },
      { type: 'freeze', frozen: true },
      { type: 'anonymous', on: true },
      { type: 'peopleVisible', visible: true },
      { type: 'follow', mode: 'follow', userId: 'user:x', name: 'x' },
    ] satisfies FacilitationCommand[]) {
      const refused = await command(body, role)
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({ error: 'forbidden' })
    }
  }
  const room = await server.app.rooms.getRoom(created.board.id)
  expect(room.facilitationState).toMatchObject({ frozen: false, anonymous: false, peopleVisible: false })
  expect(room.facilitationState.timer).toEqual(resumed.state.timer)

  const bad = await command({ type: 'timerStart', durationMs: -5 } as unknown as FacilitationCommand)
  expect(bad.status).toBe(400)
  expect(((await (await command({ type: 'timerReset' })).json()) as FacilitationResponse).state.timer).toEqual({
    status: 'idle',
  })
})

test('the facilitation state survives a restart of the server', async () => {
  await command({ type: 'freeze', frozen: true })
  await command({ type: 'timerStart', durationMs: 600_000 })
  const dataDir = server.dataDir
  await server.close()
  server = await startTestServer({ dataDir })
  const participant = await join('edit')
  expect(facilitationOf(participant.doc)).toMatchObject({ frozen: true, timer: { status: 'running' } })
  // And the restarted room enforces it.
  openBoardRecords(participant.doc).set('shape:late', situationNote('late', 'myöhässä'))
  await waitFor(() => !recordOf(participant, 'shape:late'), 'refused after restart')
})
