import { afterEach, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { openBoardRecords, readBoardRecords } from '../../shared/boardDocument.js'
import { ChangesResponse, VersionSummary } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const recordsJson = (doc: Y.Doc) => JSON.stringify(readBoardRecords(doc).sort((a, b) => a.id.localeCompare(b.id)))

async function nameVersion(boardId: string, token: string, doc: Y.Doc, name: string): Promise<VersionSummary> {
  const room = await waitForValue(
    () => server.app.rooms.peekLoaded(boardId),
    (loaded) => loaded !== undefined && recordsJson(loaded.doc) === recordsJson(doc),
    'the server has the edits',
  )
  await room!.whenStored()
  const answer = await boardApi(server.url, 'POST', `/api/boards/${boardId}/versions`, token, { name })
  expect(answer.status).toBe(201)
  return VersionSummary.parse(answer.body)
}

test('the changes API gives exactly the notes added, removed, edited and moved', async () => {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Muutokset')
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  const records = openBoardRecords(client.doc)
  records.set('shape:keep', looseNote('keep', { text: 'Ennallaan', category: 'strength' }))
  records.set('shape:edit', looseNote('edit', { text: 'Vanha teksti', fields: { kind: 'competence' } }, 2900))
  records.set('shape:move', looseNote('move', { text: 'Heikkous', category: 'weakness' }, 3200))
  records.set('shape:gone', looseNote('gone', { text: 'Poistuu' }, 3500))
  const first = await nameVersion(board.id, tokens.facilitator, client.doc, 'Ennen')

  records.set('shape:keep', looseNote('keep', { text: 'Ennallaan', category: 'strength' }, 2700, 900))
  records.set('shape:edit', looseNote('edit', { text: 'Uusi teksti', fields: { kind: 'cooperation' } }, 2900))
  records.set('shape:move', looseNote('move', { text: 'Heikkous', category: 'threat' }, 3200))
  records.delete('shape:gone')
  records.set('shape:added', looseNote('added', { text: 'Lisätty', category: 'action' }, 3800))
  const second = await nameVersion(board.id, tokens.facilitator, client.doc, 'Jälkeen')

  // After the second version: one more note, seen only when compared with the live board.
  records.set('shape:later', looseNote('later', { text: 'Myöhemmin' }, 4100))
  await nameVersion(board.id, tokens.facilitator, client.doc, 'Kolmas')

  const between = await boardApi(
    server.url,
    'GET',
    `/api/boards/${board.id}/changes?from=${first.id}&to=${second.id}`,
    tokens.edit,
  )
  expect(between.status).toBe(200)
  const { from, to, changes } = ChangesResponse.parse(between.body)
  expect([from.id, to?.id]).toEqual([first.id, second.id])
  expect(changes.added.map((note) => note.id)).toEqual(['shape:added'])
  expect(changes.removed.map((note) => [note.id, note.text])).toEqual([['shape:gone', 'Poistuu']])
  expect(changes.edited).toEqual([
    {
      id: 'shape:edit',
      category: 'need',
      before: { text: 'Vanha teksti', fields: { kind: 'competence' } },
      after: { text: 'Uusi teksti', fields: { kind: 'cooperation' } },
      changedFields: ['kind'],
      textChanged: true,
    },
  ])
  expect(changes.moved).toEqual([{ id: 'shape:move', text: 'Heikkous', from: 'weakness', to: 'threat' }])
  expect(changes.relationsAdded).toEqual([])
  expect(changes.relationsRemoved).toEqual([])
  expect(changes.byCategory.map((group) => group.category)).toEqual(['need', 'action', 'weakness', 'threat'])

  const sinceFirst = await boardApi(server.url, 'GET', `/api/boards/${board.id}/changes?from=${first.id}`, tokens.edit)
  const live = ChangesResponse.parse(sinceFirst.body)
  expect(live.to).toBeNull()
  expect(live.changes.added.map((note) => note.id).sort()).toEqual(['shape:added', 'shape:later'])

  const none = await boardApi(
    server.url,
    'GET',
    `/api/boards/${board.id}/changes?from=${second.id}&to=${second.id}`,
    tokens.facilitator,
  )
  const same = ChangesResponse.parse(none.body).changes
  expect([same.added, same.removed, same.edited, same.moved, same.byCategory]).toEqual([[], [], [], [], []])
})
