import * as decoding from 'lib0/decoding'
import { afterEach, expect, test } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { UnconfirmedChanges } from '../../client/offline/localChanges.js'
import { confirmWithServer } from '../../client/offline/serverConfirmation.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const cleanups: (() => void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  await server?.close()
})

/** A stock client whose unconfirmed changes are counted and confirmed by the server's answers. */
function trackedClient(boardId: string, token: string, doc = new Y.Doc()) {
  const client = connectClient(server.syncUrl, boardId, token, doc)
  const changes = new UnconfirmedChanges(client.doc)
  const stop = confirmWithServer(client.provider, changes, { askEveryMs: 20 })
  cleanups.push(() => {
    stop()
    changes.destroy()
    client.destroy()
  })
  return { client, changes, records: openBoardRecords(client.doc) }
}

/** Counts the sync step 2 frames a client receives (each answers a step 1). */
function countStep2(client: YClient): { count: number } {
  const counter = { count: 0 }
  const watch = () => {
    const socket = client.provider.ws as unknown as WebSocket | null
    socket?.addEventListener('message', (event) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) counter.count++
    })
  }
  watch()
  client.provider.on('status', ({ status }) => {
    if (status === 'connected') watch()
  })
  return counter
}

test('changes made offline count until the server has stored them, edits from both sides all arrive', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const aino = trackedClient(board.id, tokens.edit)
  const bertta = connectClient(server.syncUrl, board.id, tokens.edit)
  cleanups.push(() => bertta.destroy())
  await Promise.all([waitForSync(aino.client), waitForSync(bertta)])
  expect(aino.changes.count.get()).toBe(0)

  // Online: counted at once, confirmed shortly after.
  aino.records.set('shape:c', noteRecord('c', 'Osaajapula'))
  aino.records.set('shape:d', noteRecord('d', 'Poistetaan'))
  expect(aino.changes.count.get()).toBe(2)
  await waitFor(() => aino.changes.count.get() === 0, 'online changes confirmed')

  aino.client.provider.disconnect()
  aino.records.set('shape:a', noteRecord('a', 'Uusi yhteistyö'))
  aino.records.set('shape:b', noteRecord('b', 'Toinen uusi'))
  aino.records.set('shape:c', noteRecord('c', 'Osaajapula ICT-alalla'))
  aino.records.delete('shape:d')
  // Two edits of one note are one thing waiting.
  aino.records.set('shape:a', noteRecord('a', 'Uusi yhteistyö oppilaitosten kanssa'))
  expect(aino.changes.count.get()).toBe(4)
  // Meanwhile Bertta edits too.
  const berttaRecords = openBoardRecords(bertta.doc)
  berttaRecords.set('shape:e', noteRecord('e', 'Bertan lappu'))
  berttaRecords.set('shape:c', noteRecord('c', 'Osaajapula', 50, 50))
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(aino.changes.count.get()).toBe(4)

  aino.client.provider.connect()
  await waitFor(() => aino.changes.count.get() === 0, 'offline changes confirmed after reconnecting')
  await waitFor(() => berttaRecords.has('shape:a') && !berttaRecords.has('shape:d'), 'Aino’s edits at Bertta')
  await waitFor(() => aino.records.has('shape:e'), 'Bertta’s note at Aino')
  // The concurrent edits of c settle on one winner on both sides; every other edit is there.
  await waitFor(
    () => JSON.stringify(aino.records.get('shape:c')) === JSON.stringify(berttaRecords.get('shape:c')),
    'same c on both sides',
  )
  expect(berttaRecords.get('shape:a')).toEqual(noteRecord('a', 'Uusi yhteistyö oppilaitosten kanssa'))
  expect(berttaRecords.get('shape:b')).toEqual(noteRecord('b', 'Toinen uusi'))

  // What the server stored is what a newcomer gets.
  const carol = connectClient(server.syncUrl, board.id, tokens.view)
  cleanups.push(() => carol.destroy())
  await waitForSync(carol)
  const carolRecords = openBoardRecords(carol.doc)
  expect(['shape:a', 'shape:b', 'shape:c', 'shape:e'].every((id) => carolRecords.has(id))).toBe(true)
  expect(carolRecords.has('shape:d')).toBe(false)
})

test('after a reload the changes kept on the device still count, under the earlier client id', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  // The first visit: synced once, then offline edits, then the page is gone.
  const first = trackedClient(board.id, tokens.facilitator)
  await waitForSync(first.client)
  first.client.provider.disconnect()
  first.records.set('shape:a', noteRecord('a', 'Tehty ilman yhteyttä'))
  first.records.delete('shape:zone-title')
  const kept = first.changes.toStored()
  const deviceCopy = Y.encodeStateAsUpdate(first.client.doc)
  expect(first.changes.count.get()).toBe(2)

  // The reload: a new document (new client id) loads the device's copy, then connects.
  const doc = new Y.Doc()
  const restored = new UnconfirmedChanges(doc)
  Y.applyUpdate(doc, deviceCopy, 'device copy')
  // Loading the copy is no local change: only the kept list says what waits.
  expect(restored.count.get()).toBe(0)
  restored.restore(kept)
  expect(restored.count.get()).toBe(2)
  const client = connectClient(server.syncUrl, board.id, tokens.facilitator, doc)
  const stop = confirmWithServer(client.provider, restored, { askEveryMs: 20 })
  cleanups.push(() => {
    stop()
    restored.destroy()
    client.destroy()
  })
  await waitFor(() => restored.count.get() === 0, 'kept changes confirmed')
  const check = connectClient(server.syncUrl, board.id, tokens.view)
  cleanups.push(() => check.destroy())
  await waitForSync(check)
  const records = openBoardRecords(check.doc)
  expect(records.get('shape:a')).toEqual(noteRecord('a', 'Tehty ilman yhteyttä'))
  expect(records.has('shape:zone-title')).toBe(false)
})

test('a change the server does not take stays unconfirmed (a viewer’s write)', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const viewer = trackedClient(board.id, tokens.view)
  const answers = countStep2(viewer.client)
  await waitForSync(viewer.client)
  const before = answers.count
  viewer.records.set('shape:x', noteRecord('x', 'Ei pitäisi tallentua'))
  expect(viewer.changes.count.get()).toBe(1)
  // The question was asked and answered, and the answer did not confirm it.
  await waitFor(() => answers.count > before, 'the server answered')
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(viewer.changes.count.get()).toBe(1)
})
