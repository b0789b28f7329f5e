/**
 * Importing notes (POST /api/boards/:id/notes) is held to the board rules a websocket edit is
 * held to (server/rooms/updateRules.ts): an edit link imports nothing while the board is frozen,
 * an import during an anonymous round carries no author, and only a facilitator's import may grow
 * or move the template's zones.
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type CreateBoardResponse, ErrorBody } from '../../shared/api.js'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { FacilitationCommand } from '../../shared/facilitation.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Tuonnin säännöt')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

type Role = 'facilitator' | 'edit'

const importRows = (rows: object[], role: Role) =>
  fetch(`${server.url}/api/boards/${created.board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens[role]}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  })

async function command(body: FacilitationCommand) {
  const response = await fetch(`${server.url}/api/boards/${created.board.id}/facilitation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

async function join(role: Role | 'view'): Promise<YClient> {
  const client = connectClient(server.syncUrl, created.board.id, created.tokens[role])
  clients.push(client)
  await waitForSync(client)
  return client
}

async function boardRecords(): Promise<StoredRecord[]> {
  const room = await server.app.rooms.getRoom(created.board.id)
  try {
    await room.whenStored()
    return room.readRecords()
  } finally {
    server.app.rooms.release(room)
  }
}

async function storedLog(): Promise<{ bytes: string; lastSeq: number }> {
  const room = await server.app.rooms.getRoom(created.board.id)
  await room.whenStored()
  server.app.rooms.release(room)
  const { updates, lastSeq } = await server.app.storage.loadUpdates(created.board.id)
  return { bytes: Buffer.concat(updates).toString('latin1'), lastSeq }
}

const zonesOf = (records: StoredRecord[]) =>
  records
    .filter((record) => record.type === ZONE_SHAPE_TYPE)
    .map(({ id, x, y, props }) => ({
      id,
      x: x as number,
      y: y as number,
      w: (props as { w: number }).w,
      h: (props as { h: number }).h,
    }))

test('an edit link cannot import while the board is frozen (409 board_frozen, nothing changes); a facilitator can', async () => {
  await command({ type: 'freeze', frozen: true })
  const before = await storedLog()
  const recordsBefore = JSON.stringify(await boardRecords())

  const refused = await importRows([{ category: 'need', text: 'jäädytetty tuonti' }], 'edit')
  expect(refused.status).toBe(409)
  expect(ErrorBody.parse(await refused.json())).toMatchObject({ error: 'board_frozen' })
  expect(JSON.stringify(await boardRecords())).toBe(recordsBefore)
  const after = await storedLog()
  expect(after.lastSeq).toBe(before.lastSeq)
  expect(after.bytes).not.toContain('jäädytetty tuonti')

  const allowed = await importRows([{ category: 'need', text: 'fasilitaattorin tuonti' }], 'facilitator')
  expect(allowed.status).toBe(201)
  expect(JSON.stringify(await boardRecords())).toContain('fasilitaattorin tuonti')
})

test('notes imported during an anonymous round carry no author anywhere, and stay anonymous when edited', async () => {
  const participant = await join('edit')
  await command({ type: 'anonymous', on: true })
  const response = await importRows(
    [
      { category: 'strength', text: 'nimetön vahvuus', author: 'Liisa Salainen' },
      // Without an author of its own a note would get the import's default author.
      { category: 'need', text: 'nimetön tarve' },
    ],
    'edit',
  )
  expect(response.status).toBe(201)
  const { ids } = (await response.json()) as { ids: string[] }
  const records = openBoardRecords(participant.doc)
  await waitFor(() => ids.every((id) => records.has(id)), 'the imported notes reach the participant')
  for (const id of ids) {
    expect(records.get(id)).toMatchObject({ props: { author: '' }, meta: { anonymous: true } })
  }
  expect((await storedLog()).bytes).not.toContain('Liisa')
  expect((await storedLog()).bytes).not.toContain('Tuonti')

  // After the round, a modified client that writes a name into the note is still refused it.
  await command({ type: 'anonymous', on: false })
  const imported = records.get(ids[0]!)!
  records.set(ids[0]!, {
    ...imported,
    props: { ...(imported.props as object), author: 'Liisa Salainen', text: 'muokattu' },
  })
  const observer = await join('view')
  await waitFor(
    () => (openBoardRecords(observer.doc).get(ids[0]!)?.props as { text?: string } | undefined)?.text === 'muokattu',
    'the edit reaches an observer',
  )
  expect(openBoardRecords(observer.doc).get(ids[0]!)).toMatchObject({ props: { author: '' } })
  await waitFor(() => !Buffer.from(Y.encodeStateAsUpdate(participant.doc)).toString('latin1').includes('Liisa'), 'gone')
  expect((await storedLog()).bytes).not.toContain('Liisa')
})

test("an edit link's import never grows or moves the template's zones; the notes still all land, none overlapping", async () => {
  const zonesBefore = zonesOf(await boardRecords())
  expect(zonesBefore.length).toBeGreaterThan(2)
  const rows = Array.from({ length: 40 }, (_, i) => ({ category: 'strength', text: `Vahvuus ${i + 1}` }))
  const response = await importRows(rows, 'edit')
  expect(response.status).toBe(201)
  const { ids } = (await response.json()) as { ids: string[] }
  expect(ids).toHaveLength(40)

  const records = await boardRecords()
  expect(zonesOf(records)).toEqual(zonesBefore)
  const notes = records.filter((record) => ids.includes(record.id))
  expect(notes).toHaveLength(40)
  const box = (record: StoredRecord) => ({
    x: record.x as number,
    y: record.y as number,
    w: (record.props as { w: number }).w,
    h: (record.props as { h: number }).h,
  })
  for (const [i, a] of notes.map(box).entries()) {
    for (const b of notes.map(box).slice(i + 1)) {
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
      expect(apart, 'imported notes overlap').toBe(true)
    }
    // No note lands on another zone than its own: inside its category's zone or outside all.
    for (const zone of zonesOf(records)) {
      const record = records.find((candidate) => candidate.id === zone.id)!
      const category = (record.props as { category?: string }).category
      const centre = { x: a.x + a.w / 2, y: a.y + a.h / 2 }
      const inside =
        centre.x >= zone.x && centre.x <= zone.x + zone.w && centre.y >= zone.y && centre.y <= zone.y + zone.h
      if (inside) expect(category).toBe('strength')
    }
  }

  // The facilitator's import may still grow the zone.
  expect((await importRows(rows.slice(0, 20), 'facilitator')).status).toBe(201)
  expect(zonesOf(await boardRecords())).not.toEqual(zonesBefore)
})
