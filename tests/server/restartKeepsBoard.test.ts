import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const servers: TestServer[] = []
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.close().catch(() => {})
})

test('after a graceful restart a new client gets everything any client had received', async () => {
  const first = await startTestServer()
  servers.push(first)
  const { board, tokens } = await first.createBoard()
  const writer = connectClient(first.syncUrl, board.id, tokens.edit)
  const reader = connectClient(first.syncUrl, board.id, tokens.edit)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])
  const writerRecords = openBoardRecords(writer.doc)
  for (let i = 0; i < 50; i++) writerRecords.set(`shape:n${i}`, noteRecord(`n${i}`, `Muistilappu ${i}`, i * 10, 0))
  const readerRecords = openBoardRecords(reader.doc)
  await waitFor(() => readerRecords.has('shape:n49'), 'reader received all notes')

  await first.close()
  // Clients are told the server is restarting, so they reconnect rather than give up.
  await waitFor(() => reader.closes.length > 0, 'close event at shutdown')
  expect(reader.closes[0]!.code).toBe(CloseCode.serverRestarting)

  const second = await startTestServer({ dataDir: first.dataDir })
  servers.push(second)
  const newcomer = connectClient(second.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitForSync(newcomer)
  const newcomerRecords = openBoardRecords(newcomer.doc)
  expect(newcomerRecords.map.size).toBe(readerRecords.map.size)
  expect(newcomerRecords.get('shape:n17')).toEqual(noteRecord('n17', 'Muistilappu 17', 170, 0))
})

test('a client that edited while the server was down sends its edits when it comes back', async () => {
  const first = await startTestServer()
  servers.push(first)
  const { board, tokens } = await first.createBoard()
  const offline = connectClient(first.syncUrl, board.id, tokens.edit)
  clients.push(offline)
  await waitForSync(offline)
  await first.close()
  await waitFor(() => !offline.provider.wsconnected, 'client noticed the server is gone')
  openBoardRecords(offline.doc).set('shape:offline', noteRecord('offline', 'Kirjoitettu ilman yhteyttä'))

  // y-websocket reconnects to the same URL, so the server comes back on the same port.
  const port = Number(new URL(first.url).port)
  const second = await startTestServer({ dataDir: first.dataDir, port })
  servers.push(second)
  const other = connectClient(second.syncUrl, board.id, tokens.edit)
  clients.push(other)
  await waitFor(() => openBoardRecords(other.doc).has('shape:offline'), 'offline edit arrived after reconnect', 20_000)
})
