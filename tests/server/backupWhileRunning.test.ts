import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
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

test('npm run backup copies a running server consistently, and the copy restores every stored note', async () => {
  const dataDir = makeTempDir()
  const server = await startChildServer({ DATA_DIR: dataDir })
  const { board, tokens } = await createBoardAt(server.url, 'Varmuuskopio')
  const writer = connectClient(server.syncUrl, board.id, tokens.edit)
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(writer, reader)
  await Promise.all([waitForSync(writer), waitForSync(reader)])
  const records = openBoardRecords(writer.doc)
  for (let i = 0; i < 200; i++) records.set(`shape:b${i}`, noteRecord(`b${i}`, `Lappu ${i}`))
  // Relayed means stored (the server stores before it broadcasts).
  await waitFor(() => openBoardRecords(reader.doc).has('shape:b199'), 'the reader got every note')
  // Edits keep coming while the backup runs.
  let extra = 0
  const writing = setInterval(() => records.set(`shape:x${extra}`, noteRecord(`x${extra++}`, 'lisää')), 2)

  const backupFile = path.join(makeTempDir(), 'taulut.sqlite')
  // Asynchronous, so that this process keeps writing while the backup runs (it throws on failure).
  const result = await promisify(execFile)('npm', ['run', '--silent', 'backup', '--', backupFile], {
    env: { ...process.env, DATA_DIR: dataDir },
  })
  clearInterval(writing)
  expect(extra).toBeGreaterThan(0)
  expect(result.stderr).toBe('')
  expect(result.stdout).toContain('backed up 1 boards')
  expect(result.stdout).toContain('integrity ok')

  // Restore: the copy as the database of a fresh DATA_DIR.
  const restored = makeTempDir()
  fs.copyFileSync(backupFile, path.join(restored, 'tilannekuva.sqlite'))
  const second = await startChildServer({ DATA_DIR: restored })
  const newcomer = connectClient(second.syncUrl, board.id, tokens.view)
  clients.push(newcomer)
  await waitForSync(newcomer)
  const recovered = openBoardRecords(newcomer.doc)
  const missing = Array.from({ length: 200 }, (_, i) => `shape:b${i}`).filter((id) => !recovered.has(id))
  expect(missing).toEqual([])
})
