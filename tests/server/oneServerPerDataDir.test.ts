import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { runServerExpectingFailure } from '../helpers/failedStart.js'
import { noteRecord } from '../helpers/records.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await stopChildServers()
})

// Before the lock, both started and the second's compaction deleted the first's stored updates.
test('a second server on the same DATA_DIR exits with one line naming the first, and the first keeps working', async () => {
  const dataDir = makeTempDir()
  const first = await startChildServer({ DATA_DIR: dataDir })

  const second = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(second.exitCode).toBe(1)
  const lines = second.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(`is using DATA_DIR ${dataDir}`)
  expect(lines[0]).toContain(`pid ${first.process.pid}`)
  expect(second.stdout).not.toContain('Tilannekuva is running')

  const { board, tokens } = await createBoardAt(first.url, 'Yksi kirjoittaja')
  const writer = connectClient(first.syncUrl, board.id, tokens.edit)
  clients.push(writer)
  await waitForSync(writer)
  openBoardRecords(writer.doc).set('shape:a', noteRecord('a', 'Tallessa'))
  const reader = connectClient(first.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitForSync(reader)
  await waitFor(() => openBoardRecords(reader.doc).has('shape:a'), 'the first server still relays edits')
})

test('after kill -9 of the holder the lock is gone: a new server starts on the same DATA_DIR at once', async () => {
  const dataDir = makeTempDir()
  const first = await startChildServer({ DATA_DIR: dataDir })
  const { board, tokens } = await createBoardAt(first.url, 'Kaatuu')
  first.process.kill('SIGKILL')
  expect(await first.exited).toBe('SIGKILL')

  const second = await startChildServer({ DATA_DIR: dataDir })
  const response = await fetch(`${second.url}/api/boards/${board.id}`, {
    headers: { authorization: `Bearer ${tokens.view}` },
  })
  expect(response.status).toBe(200)
})
