import { afterEach, expect, test } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { startChildServer, type ChildServer } from '../helpers/childServer.js'
import { noteRecord } from '../helpers/records.js'
import { makeTempDir } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const children: ChildServer[] = []
const clients: YClient[] = []
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy())
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL')
    await child.exited
  }
})

test('SIGTERM closes clients with "server restarting", stores the board and exits 0', async () => {
  const dataDir = makeTempDir()
  const server = await startChildServer({ DATA_DIR: dataDir })
  children.push(server)
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Sammutus' }),
  })
  const { board, tokens } = (await response.json()) as CreateBoardResponse
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
  clients.splice(0).forEach((connected) => connected.destroy())

  const again = await startChildServer({ DATA_DIR: dataDir })
  children.push(again)
  const reader = connectClient(again.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitForSync(reader)
  expect(openBoardRecords(reader.doc).get('shape:kept')).toEqual(noteRecord('kept', 'säilyy'))
})
