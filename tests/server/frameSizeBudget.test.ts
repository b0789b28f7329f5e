import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

// Before: 16 MiB frames were accepted one after another, each stalling the server for seconds.
test('by default a frame over 2 MiB closes that connection with 1009 (stock clients retry it), and the board goes on', async () => {
  server = await startTestServer()
  expect(server.config.maxMessageBytes).toBe(2 * 1024 * 1024)
  const { board, tokens } = await server.createBoard()
  const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}`)
  raw.socket.send(new Uint8Array(2 * 1024 * 1024 + 1))
  expect((await raw.closed).code).toBe(CloseCode.messageTooBig)

  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])
  openBoardRecords(writer.doc).set('shape:after', noteRecord('after', 'yhä toimii'))
  await waitFor(() => openBoardRecords(reader.doc).has('shape:after'), 'edits still reach others')
})
