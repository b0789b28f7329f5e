import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import type { CreateBoardResponse } from '../../shared/api.js'
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

test('kill -9 of the server loses nothing that any client had received', async () => {
  const dataDir = makeTempDir()
  const first = await startChildServer({ DATA_DIR: dataDir })
  children.push(first)
  const response = await fetch(`${first.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Kaatumistesti' }),
  })
  const { board, tokens } = (await response.json()) as CreateBoardResponse
  const writer = connectClient(first.syncUrl, board.id, tokens.edit)
  const reader = connectClient(first.syncUrl, board.id, tokens.edit)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])

  const writerRecords = openBoardRecords(writer.doc)
  const readerRecords = openBoardRecords(reader.doc)
  // Keep writing while we kill: whatever the reader got before the kill must survive it.
  let written = 0
  const writing = setInterval(() => {
    for (let i = 0; i < 5; i++, written++) writerRecords.set(`shape:k${written}`, noteRecord(`k${written}`, `Lappu ${written}`))
  }, 5)
  await waitFor(() => readerRecords.map.size > 300, 'reader received a good number of notes')
  first.process.kill('SIGKILL')
  const receivedBeforeKill = new Set(readerRecords.map.keys())
  clearInterval(writing)
  expect(await first.exited).toBe('SIGKILL')
  writer.destroy()
  reader.destroy()
  clients.length = 0

  const second = await startChildServer({ DATA_DIR: dataDir })
  children.push(second)
  const newcomer = connectClient(second.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitForSync(newcomer)
  const recovered = openBoardRecords(newcomer.doc)
  const missing = [...receivedBeforeKill].filter((id) => !recovered.has(id))
  expect(missing).toEqual([])
  expect(recovered.get('shape:k0')).toEqual(noteRecord('k0', 'Lappu 0'))
})
