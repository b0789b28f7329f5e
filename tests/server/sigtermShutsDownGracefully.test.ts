import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { noteRecord } from '../helpers/records.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await stopChildServers()
})

test('SIGTERM closes clients with "server restarting", stores the board and exits 0', async () => {
  const dataDir = makeTempDir()
  const server = await startChildServer({ DATA_DIR: dataDir })
  const { board, tokens } = await createBoardAt(server.url, 'Sammutus')
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  const witness = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(witness)
  await waitForSync(witness)
  openBoardRecords(client.doc).set('shape:kept', noteRecord('kept', 'säilyy'))
  await waitFor(() => openBoardRecords(witness.doc).has('shape:kept'), 'the server accepted the edit')

  server.process.kill('SIGTERM')
  expect(await server.exited).toBe(0)
  await waitFor(() => client.closes.length > 0, 'close event')
  expect(client.closes[0]!.code).toBe(CloseCode.serverRestarting)
  for (const connected of clients.splice(0)) connected.destroy()

  const again = await startChildServer({ DATA_DIR: dataDir })
  const reader = connectClient(again.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitForSync(reader)
  expect(openBoardRecords(reader.doc).get('shape:kept')).toEqual(noteRecord('kept', 'säilyy'))
})
