import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE, type NoteShapeProps } from '../../shared/canvasShapes.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

function noteShape(id: string, props: Partial<NoteShapeProps>, x: number, y: number) {
  return makeShapeRecord({
    id: `shape:${id}`,
    type: NOTE_SHAPE_TYPE,
    x,
    y,
    index: 'a5',
    props: {
      category: 'need',
      text: '',
      fields: {},
      author: 'Aino',
      createdAt: 1,
      updatedAt: 1,
      w: 240,
      h: 160,
      categoryChosen: false,
      ...props,
    },
  })
}

test('the stored snapshot follows the board shortly after changes stop, skipping a malformed note', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Seuranta')
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  const records = openBoardRecords(client.doc)
  // In the needs zone of the default template (x 1080.., y 220..).
  records.set('shape:n1', noteShape('n1', { text: 'Osaajapula', fields: { kind: 'competence' } }, 1200, 400))
  // A buggy or hostile client writes a note the model does not accept.
  records.set('shape:bad', noteShape('bad', { category: 'gossip' as never, text: 'x' }, 0, 0))

  const snapshot = await waitForValue(
    async () => {
      const stored = await server.app.storage.loadSnapshot(board.id)
      return stored ? BoardSnapshot.parse(JSON.parse(stored.json)) : null
    },
    (value) => value !== null && value.notes.length === 1,
    'stored snapshot with the note',
  )
  if (!snapshot) throw new Error('unreachable')
  expect(snapshot.notes[0]).toMatchObject({ id: 'shape:n1', text: 'Osaajapula', zone: { category: 'need' } })
  expect(snapshot.warnings).toEqual([expect.objectContaining({ recordId: 'shape:bad' })])

  // The board itself keeps working: another client still gets everything, the bad record too.
  const other = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(other)
  await waitForSync(other)
  await waitFor(() => openBoardRecords(other.doc).has('shape:n1'), 'board still syncs')
})

test('CSV export has the columns, a BOM and Finnish and Swedish letters', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Vienti')
  const rows = [
    { category: 'need', text: 'Yhteistyö Åbo Akademin kanssa', kind: 'cooperation' },
    {
      category: 'actor',
      text: 'Toimija',
      name: 'Jyväskylän kaupunki',
      sector: 'municipality',
      municipalityCode: '179',
    },
  ]
  const imported = await fetch(`${server.url}/api/boards/${board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  })
  expect(imported.status).toBe(201)
  const response = await fetch(`${server.url}/api/boards/${board.id}/export.csv`, {
    headers: { authorization: `Bearer ${tokens.view}` },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(response.headers.get('content-disposition')).toContain('.csv')
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n')
  expect(lines[0]).toBe(
    'Kategoria;Teksti;Tarpeen laji;Nimi;Sektori;Y-tunnus;Kuntanumero;Vastuutoimija;Aikataulu;Konkretisointi;Alue;Tekijä;Luotu;Muokattu;Äänet;Tunniste',
  )
  expect(lines).toHaveLength(3)
  expect(lines[1]).toMatch(/^Tarve;Yhteistyö Åbo Akademin kanssa;Yhteistyötarve;;;;;;;;Tarpeet;Tuonti;/)
  expect(lines[2]).toMatch(/^Toimija;Toimija;;Jyväskylän kaupunki;Kunta;;179;;;;Toimijat;Tuonti;/)

  // What we export can be imported again.
  const again = await fetch(`${server.url}/api/boards/${board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'text/csv' },
    body: new TextDecoder().decode(bytes),
  })
  expect(again.status).toBe(201)
  const snapshot = BoardSnapshot.parse(
    await (
      await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
        headers: { authorization: `Bearer ${tokens.edit}` },
      })
    ).json(),
  )
  expect(snapshot.counts.need).toBe(2)
  expect(snapshot.notes.filter((note) => note.category === 'actor').map((note) => note.fields)).toEqual([
    { name: 'Jyväskylän kaupunki', sector: 'municipality', municipalityCode: '179' },
    { name: 'Jyväskylän kaupunki', sector: 'municipality', municipalityCode: '179' },
  ])
})

test('snapshot and export need a token of the board', async () => {
  server = await startTestServer()
  const { board } = await server.createBoard('Suojattu')
  expect((await fetch(`${server.url}/api/boards/${board.id}/snapshot`)).status).toBe(401)
  expect(
    (await fetch(`${server.url}/api/boards/${board.id}/export.csv`, { headers: { authorization: 'Bearer x' } })).status,
  ).toBe(401)
  expect(
    (await fetch(`${server.url}/api/boards/AAAAAAAAAAAAAAAA/snapshot`, { headers: { authorization: 'Bearer x' } }))
      .status,
  ).toBe(404)
})
