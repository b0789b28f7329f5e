/**
 * An anonymous note must not be traceable through Yjs client ids: our client writes an anonymous
 * round under an id used for nothing else, while its presence (and its signed notes) keep the
 * document's own. Real server, our provider, and an observer holding the whole document and
 * everyone's presence.
 */
import { afterEach, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME, type FacilitationCommand } from '../../shared/facilitation.js'
import {
  isOwnClientId,
  transactAsWriter,
  writeAnonymousRoundsUnderFreshIds,
} from '../../client/sync/anonymousWriterIds.js'
import { lastWriters } from '../../client/sync/recordArray.js'
import { createSyncProvider } from '../../client/sync/syncProvider.js'
import { getRecordsArray } from '../../shared/boardDocument.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { looseNote } from '../helpers/versions.js'
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js'

let server: TestServer
const cleanups: (() => void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await server?.close()
})

function note(key: string, author: string): StoredRecord {
  const record = looseNote(key, { category: 'strength', text: key, author, categoryChosen: false }, 100, 100)
  // As our client marks a note of an anonymous round (registerFacilitation.ts): the server then
  // has nothing to correct, so the entry the observer holds is the one the participant wrote.
  return author === '' ? { ...record, meta: { anonymous: true } } : record
}

test('notes of an anonymous round are written under client ids that neither signed notes nor presence share', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Nimettömät')
  const command = (body: FacilitationCommand) =>
    fetch(`${server.url}/api/boards/${board.id}/facilitation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  const doc = new Y.Doc()
  const stopFreshIds = writeAnonymousRoundsUnderFreshIds(doc)
  const participant = createSyncProvider(server.syncUrl, board.id, doc, {
    token: tokens.edit,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  cleanups.push(() => participant.destroy(), stopFreshIds)
  const observer: YClient = connectClient(server.syncUrl, board.id, tokens.view)
  cleanups.push(() => observer.destroy())
  await waitFor(() => participant.synced && observer.provider.synced, 'both synced')
  participant.awareness.setLocalStateField('user', { name: 'Liisa Salainen' })

  const records = openBoardRecords(doc)
  cleanups.push(() => records.destroy())
  const write = (record: StoredRecord) => transactAsWriter(doc, () => records.set(record.id, record), 'test')
  const anonymousOn = () => doc.getMap(FACILITATION_MAP_NAME).get('anonymous') === true
  write(note('before', 'Liisa Salainen'))
  expect((await command({ type: 'anonymous', on: true })).status).toBe(200)
  await waitFor(anonymousOn, 'the round reaches the participant')
  write(note('during', ''))
  expect((await command({ type: 'anonymous', on: false })).status).toBe(200)
  await waitFor(() => !anonymousOn(), 'the round ends at the participant')
  write(note('after', 'Liisa Salainen'))

  const keys = new Set(['shape:before', 'shape:during', 'shape:after'])
  const writers = () => lastWriters(getRecordsArray(observer.doc), keys)
  await waitFor(() => writers().size === 3, 'all three notes at the observer')
  await waitFor(
    () => observer.provider.awareness.getStates().has(participant.awareness.clientID),
    "the participant's presence at the observer",
  )
  const byNote = writers()
  const during = byNote.get('shape:during')!
  expect(during).not.toBe(byNote.get('shape:before'))
  expect(during).not.toBe(byNote.get('shape:after'))
  // Nobody's presence carries the id the anonymous note was written under.
  expect([...observer.provider.awareness.getStates().keys()]).not.toContain(during)
  // The device still knows all three as its own (it writes back repairs of shapes it wrote last).
  for (const writer of byNote.values()) expect(isOwnClientId(doc, writer)).toBe(true)
  expect(isOwnClientId(doc, observer.doc.clientID)).toBe(false)
})
