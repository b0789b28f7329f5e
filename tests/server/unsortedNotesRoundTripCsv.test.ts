import { afterEach, expect, test } from 'vitest'
import { toCsv } from '../../server/picture/csv.js'
import { importRowsFromCsv, notesTable } from '../../server/picture/noteTable.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE, type NoteShapeProps } from '../../shared/canvasShapes.js'
import { checkImportRows } from '../../shared/noteImport.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer | undefined
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

const noteProps = (props: Partial<NoteShapeProps>): NoteShapeProps => ({
  category: 'unsorted',
  text: '',
  fields: {},
  author: 'Aino',
  createdAt: Date.UTC(2026, 11, 1, 10),
  updatedAt: Date.UTC(2026, 11, 1, 10),
  w: 240,
  h: 160,
  categoryChosen: false,
  ...props,
})

test('unsorted notes and plain texts go out to CSV as unsorted and are read back unsorted', () => {
  const snapshot = buildBoardSnapshot({
    board: { id: 'csvunsorted00000', title: 'Lajittelu', template: 'tilannekuva', language: 'fi' },
    takenAt: new Date('2026-12-01T12:00:00Z'),
    records: [
      makeShapeRecord({
        id: 'shape:need',
        type: NOTE_SHAPE_TYPE,
        x: 0,
        y: 0,
        index: 'a1',
        props: noteProps({ category: 'need', text: 'Osaajia', fields: { kind: 'competence' } }),
      }),
      makeShapeRecord({
        id: 'shape:mine',
        type: NOTE_SHAPE_TYPE,
        x: 5000,
        y: 0,
        index: 'a2',
        props: noteProps({ text: 'Ajatus; vielä "auki"' }),
      }),
      makeShapeRecord({
        id: 'shape:text',
        type: 'text',
        x: 5000,
        y: 400,
        index: 'a3',
        props: {
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kirjoitettu tekstinä' }] }],
          },
          w: 200,
          scale: 1,
          size: 'm',
        },
      }),
    ],
  })
  const table = notesTable(snapshot)
  const header = table[0]!
  const cell = (row: string[], name: string) => row[header.indexOf(name)]
  expect(table.slice(1).map((row) => [cell(row, 'Kategoria'), cell(row, 'Teksti'), cell(row, 'Luotu')])).toEqual([
    ['Tarve', 'Osaajia', '2026-12-01T10:00:00.000Z'],
    ['Lajittelematon', 'Ajatus; vielä "auki"', '2026-12-01T10:00:00.000Z'],
    // A plain shape has no times: the cells stay empty.
    ['Lajittelematon', 'Kirjoitettu tekstinä', ''],
  ])

  const read = importRowsFromCsv(toCsv(table))
  if (!read.ok) throw new Error(read.message)
  const checked = checkImportRows(read.rows)
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems))
  expect(checked.notes).toEqual([
    { category: 'need', text: 'Osaajia', fields: { kind: 'competence' }, author: 'Aino' },
    { category: 'unsorted', text: 'Ajatus; vielä "auki"', fields: {}, author: 'Aino' },
    { category: 'unsorted', text: 'Kirjoitettu tekstinä', fields: {}, author: undefined },
  ])
})

test('the unsorted category is named in every language on import', () => {
  const rows = ['unsorted', 'Lajittelematon', 'lajittelemattomat', 'Osorterad', 'Osorterade', 'Unsorted'].map(
    (category, i) => ({ row: i + 1, values: { category, text: `rivi ${i}` } }),
  )
  const checked = checkImportRows(rows)
  expect(checked.ok && checked.notes.map((note) => note.category)).toEqual(Array(6).fill('unsorted'))
})

test('imported unsorted notes are left for a zone to sort; other categories stay as imported', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Tuodut lajittelemattomat')
  const watcher = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(watcher)
  await waitForSync(watcher)
  const response = await fetch(`${server.url}/api/boards/${board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      { category: 'Lajittelematon', text: 'Kyselystä' },
      { category: 'need', text: 'Rahoitus' },
    ]),
  })
  expect(response.status).toBe(201)
  const { ids } = (await response.json()) as { ids: string[] }
  const records = openBoardRecords(watcher.doc)
  await waitFor(() => ids.every((id) => records.has(id)), 'imported notes reach the client')
  expect(records.get(ids[0]!)).toMatchObject({ props: { category: 'unsorted', categoryChosen: false } })
  expect(records.get(ids[1]!)).toMatchObject({ props: { category: 'need', categoryChosen: true } })
})
