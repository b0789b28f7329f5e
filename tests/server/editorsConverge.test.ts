import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, sameState, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test('two editors converge, and a client joining later receives everything', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const alice = connectClient(server.syncUrl, board.id, tokens.edit)
  const bob = connectClient(server.syncUrl, board.id, tokens.facilitator)
  clients.push(alice, bob)
  await Promise.all([waitForSync(alice), waitForSync(bob)])

  const aliceRecords = openBoardRecords(alice.doc)
  const bobRecords = openBoardRecords(bob.doc)
  // Both start from the server-made document, page and the default template's zones.
  expect([...aliceRecords.map.keys()].sort()).toEqual([
    'document:document',
    'page:page',
    'shape:zone-action',
    'shape:zone-actor',
    'shape:zone-need',
    'shape:zone-strength',
    'shape:zone-title',
  ])

  aliceRecords.set('shape:a', noteRecord('a', 'Vahva yhteistyö oppilaitosten kanssa'))
  bobRecords.set('shape:b', noteRecord('b', 'Osaajapula ICT-alalla'))
  // Concurrent edits of the same note: both sides must settle on the same winner.
  aliceRecords.set('shape:c', noteRecord('c', 'Alice', 10, 10))
  bobRecords.set('shape:c', noteRecord('c', 'Bob', 20, 20))
  await waitFor(() => aliceRecords.has('shape:b') && bobRecords.has('shape:a'), 'both notes on both sides')
  await waitFor(() => sameState(alice.doc, bob.doc), 'convergence')
  expect(aliceRecords.get('shape:c')).toEqual(bobRecords.get('shape:c'))

  const carol = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(carol)
  await waitForSync(carol)
  await waitFor(() => sameState(carol.doc, alice.doc), 'late joiner has everything')
  expect(openBoardRecords(carol.doc).get('shape:a')).toEqual(noteRecord('a', 'Vahva yhteistyö oppilaitosten kanssa'))
})

test('awareness: each client sees the others, and a leaving client disappears for the rest', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const alice = connectClient(server.syncUrl, board.id, tokens.edit)
  const viewer = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(alice, viewer)
  await Promise.all([waitForSync(alice), waitForSync(viewer)])
  alice.provider.awareness.setLocalStateField('user', { name: 'Aino' })
  // Viewers may send their cursor too.
  viewer.provider.awareness.setLocalStateField('user', { name: 'Ville' })
  const names = (client: YClient) =>
    [...client.provider.awareness.getStates().values()].map(
      (state) => (state as { user?: { name: string } }).user?.name,
    )
  await waitFor(() => names(alice).includes('Ville') && names(viewer).includes('Aino'), 'awareness both ways')

  alice.destroy()
  clients.splice(clients.indexOf(alice), 1)
  await waitFor(() => !names(viewer).includes('Aino'), 'departed client removed from awareness')
})
