import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { noteRecord } from '../helpers/records.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await stopChildServers()
})

test('kill -9 of the server loses nothing that any client had received', async () => {
  const dataDir = makeTempDir()
  const first = await startChildServer({ DATA_DIR: dataDir })
  const { board, tokens } = await createBoardAt(first.url, 'Kaatumistesti')
  const writer = connectClient(first.syncUrl, board.id, tokens.edit)
  const reader = connectClient(first.syncUrl, board.id, tokens.edit)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])

  const writerRecords = openBoardRecords(writer.doc)
  const readerRecords = openBoardRecords(reader.doc)
  // Keep writing while we kill: whatever the reader got before the kill must survive it.
  let written = 0
  const writing = setInterval(() => {
    for (let i = 0; i < 5; i++, written++)
      writerRecords.set(`shape:k${written}`, noteRecord(`k${written}`, `Lappu ${written}`))
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
  const newcomer = connectClient(second.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitForSync(newcomer)
  const recovered = openBoardRecords(newcomer.doc)
  const missing = [...receivedBeforeKill].filter((id) => !recovered.has(id))
  expect(missing).toEqual([])
  expect(recovered.get('shape:k0')).toEqual(noteRecord('k0', 'Lappu 0'))
})
