import { afterEach, expect, test } from 'vitest'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { ErrorBody } from '../../shared/api.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const importNotes = (boardId: string, token: string, body: string, contentType = 'application/json') =>
  fetch(`${server.url}/api/boards/${boardId}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  })

const getSnapshot = async (boardId: string, token: string) => {
  const response = await fetch(`${server.url}/api/boards/${boardId}/snapshot`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return BoardSnapshot.parse(await response.json())
}

test('imported notes appear live in a connected client and in the snapshot, each in its zone', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Tuontitesti')
  const watcher = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(watcher)
  await waitForSync(watcher)
  const rows = [
    { category: 'need', text: 'Ohjelmistokehittäjiä puuttuu', kind: 'competence' },
    { category: 'Tarve', text: 'Yhteistyö yritysten kanssa', kind: 'Yhteistyötarve' },
    {
      category: 'actor',
      text: 'Kehittämisyhtiö',
      name: 'Jykes',
      sector: 'development_company',
      businessId: '0112038-9',
    },
    { category: 'strength', text: 'Vahva yliopisto', author: 'Kyselyvastaus' },
  ]
  const response = await importNotes(board.id, tokens.edit, JSON.stringify(rows))
  expect(response.status).toBe(201)
  const { imported, ids } = (await response.json()) as { imported: number; ids: string[] }
  expect(imported).toBe(4)

  const records = openBoardRecords(watcher.doc)
  await waitFor(() => ids.every((id) => records.has(id)), 'imported notes reach the connected client')
  expect(records.get(ids[0]!)).toMatchObject({
    type: NOTE_SHAPE_TYPE,
    props: { category: 'need', text: 'Ohjelmistokehittäjiä puuttuu' },
  })

  const snapshot = await getSnapshot(board.id, tokens.view)
  expect(snapshot.counts).toMatchObject({ need: 2, actor: 1, strength: 1, action: 0 })
  expect(snapshot.warnings).toEqual([])
  for (const note of snapshot.notes) expect(note.zone?.category).toBe(note.category)
  const actor = snapshot.notes.find((note) => note.category === 'actor')!
  expect(actor.fields).toEqual({ name: 'Jykes', sector: 'development_company', businessId: '0112038-9' })
  expect(snapshot.notes.find((note) => note.category === 'strength')!.author).toBe('Kyselyvastaus')
  expect(snapshot.notes.find((note) => note.category === 'need' && note.fields.kind === 'cooperation')).toBeTruthy()
})

test('many imported notes do not overlap; a full zone grows and the zone below moves down', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Paljon')
  const rows = Array.from({ length: 40 }, (_, i) => ({ category: 'strength', text: `Vahvuus ${i + 1}` }))
  expect((await importNotes(board.id, tokens.facilitator, JSON.stringify(rows))).status).toBe(201)
  expect(
    (await importNotes(board.id, tokens.facilitator, JSON.stringify([{ category: 'actor', text: 'Kunta' }]))).status,
  ).toBe(201)
  const snapshot = await getSnapshot(board.id, tokens.edit)
  const strengths = snapshot.notes.filter((note) => note.category === 'strength')
  expect(strengths).toHaveLength(40)
  for (const [i, a] of snapshot.notes.entries()) {
    for (const b of snapshot.notes.slice(i + 1)) {
      const apart =
        a.position.x + NOTE_DEFAULT_SIZE.w <= b.position.x ||
        b.position.x + NOTE_DEFAULT_SIZE.w <= a.position.x ||
        a.position.y + NOTE_DEFAULT_SIZE.h <= b.position.y ||
        b.position.y + NOTE_DEFAULT_SIZE.h <= a.position.y
      expect(apart, `${a.text} overlaps ${b.text}`).toBe(true)
    }
  }
  // Every note is still inside its category's zone, including those beyond the zone's first size.
  for (const note of snapshot.notes) expect(note.zone?.category).toBe(note.category)
})

test('invalid rows get a 400 naming each row and why, and nothing is applied', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Virheet')
  const rows = [
    { category: 'need', text: 'kelpaa' },
    { category: 'nonsense', text: 'x' },
    { category: 'actor', text: 'y', businessId: '1234567-8' },
    { category: 'need', text: 'z', kind: 'lots' },
    { category: 'strength', text: 'w', sector: 'business' },
    { category: 'strength', text: '' },
  ]
  const response = await importNotes(board.id, tokens.edit, JSON.stringify(rows))
  expect(response.status).toBe(400)
  const error = ErrorBody.parse(await response.json())
  // A JSON array's rows count from 1.
  expect(error.issues?.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
    { path: 'row 2', code: 'unknown_category', params: { value: 'nonsense', row: 2 } },
    { path: 'row 3', code: 'invalid_business_id', params: { field: 'businessId', row: 3 } },
    {
      path: 'row 4',
      code: 'invalid_value',
      params: { field: 'kind', allowed: ['competence', 'cooperation', 'other'], row: 4 },
    },
    { path: 'row 5', code: 'field_not_in_category', params: { field: 'sector', category: 'strength', row: 5 } },
    { path: 'row 6', code: 'empty', params: { row: 6 } },
  ])
  expect(error.issues?.[0]?.message).toContain('nonsense')
  expect(error.issues?.[1]?.message).toContain('business ID')
  const snapshot = await getSnapshot(board.id, tokens.edit)
  expect(snapshot.notes).toEqual([])
})

test('a CSV upload in the export columns imports, with Finnish headers and letters', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('CSV')
  const csv =
    '\uFEFFKategoria;Teksti;Tarpeen laji;Nimi\r\nTarve;"Osaajia; erityisesti ""ICT""";Osaamistarve;\r\nToimija;Åbo Akademi;;Åbo Akademi\r\n'
  const response = await importNotes(board.id, tokens.edit, csv, 'text/csv; charset=utf-8')
  expect(response.status).toBe(201)
  const snapshot = await getSnapshot(board.id, tokens.edit)
  expect(snapshot.notes.map((note) => [note.category, note.text, note.fields])).toEqual([
    ['need', 'Osaajia; erityisesti "ICT"', { kind: 'competence' }],
    ['actor', 'Åbo Akademi', { name: 'Åbo Akademi' }],
  ])
})

test('view links cannot import; bad bodies get clear errors', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Oikeudet')
  const asViewer = await importNotes(board.id, tokens.view, JSON.stringify([{ category: 'need', text: 'x' }]))
  expect(asViewer.status).toBe(403)
  expect(ErrorBody.parse(await asViewer.json()).error).toBe('forbidden')
  expect((await importNotes(board.id, tokens.edit, '{"category":"need"}')).status).toBe(400)
  expect((await importNotes(board.id, tokens.edit, '[')).status).toBe(400)
  expect((await importNotes(board.id, tokens.edit, '[]')).status).toBe(400)
  const unknownColumn = await importNotes(board.id, tokens.edit, 'Kategoria;Tekstii\nTarve;x\n', 'text/csv')
  expect(unknownColumn.status).toBe(400)
  expect(ErrorBody.parse(await unknownColumn.json()).issues).toMatchObject([
    {
      path: 'header',
      code: 'unknown_column',
      params: { column: 'Tekstii' },
      message: expect.stringContaining('Tekstii'),
    },
  ])
  const tooMany = await importNotes(
    board.id,
    tokens.edit,
    JSON.stringify(Array.from({ length: 1001 }, () => ({ category: 'need', text: 'x' }))),
  )
  expect(tooMany.status).toBe(400)
  expect(ErrorBody.parse(await tooMany.json()).issues).toMatchObject([{ code: 'too_many_rows', params: { max: 1000 } }])
  const empty = await importNotes(board.id, tokens.edit, '[]')
  expect(ErrorBody.parse(await empty.json()).issues).toMatchObject([{ code: 'no_rows' }])
})

test('a bad CSV gets codes at the rows a spreadsheet shows (header row 1), and nothing is applied', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Huono CSV')
  const csv = [
    'Kategoria;Teksti;Y-tunnus',
    'Toimija;Kunta;0112038-9',
    '',
    'Toive;"monta',
    'riviä";',
    'Toimija;Yritys;1234567-8',
    `Tarve;${'x'.repeat(5001)};`,
  ].join('\r\n')
  const response = await importNotes(board.id, tokens.edit, csv, 'text/csv; charset=utf-8')
  expect(response.status).toBe(400)
  const error = ErrorBody.parse(await response.json())
  // Row 3 is blank; the note on row 4 spans two lines of the file but is one spreadsheet row.
  expect(error.issues?.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
    { path: 'row 4', code: 'unknown_category', params: { value: 'Toive', row: 4 } },
    { path: 'row 5', code: 'invalid_business_id', params: { field: 'businessId', row: 5 } },
    { path: 'row 6', code: 'too_long', params: { field: 'text', max: 5000, row: 6 } },
  ])
  const unclosed = await importNotes(
    board.id,
    tokens.edit,
    'Kategoria;Teksti\r\nTarve;ok\r\nTarve;"auki\r\n',
    'text/csv',
  )
  expect(unclosed.status).toBe(400)
  expect(ErrorBody.parse(await unclosed.json()).issues).toMatchObject([
    { path: 'row 3', code: 'csv_unclosed_quote', params: { row: 3 } },
  ])
  expect((await getSnapshot(board.id, tokens.edit)).notes).toEqual([])
})
