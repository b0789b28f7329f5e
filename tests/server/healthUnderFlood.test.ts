import { afterEach, expect, test } from 'vitest'
import { loadConfig } from '../../server/config.js'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { floodWhileProbingHealth, noteFrames } from '../helpers/flood.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await stopChildServers()
})

const describe = (what: string, result: Awaited<ReturnType<typeof floodWhileProbingHealth>>) =>
  `${what}: ${result.sentFrames} updates, ${(result.sentBytes / 1024 / 1024).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s` +
  `, closed ${result.closed?.code ?? '—'}; /api/health p50 ${result.health.p50.toFixed(1)} ms, p99 ` +
  `${result.health.p99.toFixed(1)} ms, max ${result.health.max.toFixed(1)} ms over ${result.health.count} requests` +
  `, ${result.healthFailures} failed`

// Before: one editor pushing 4 KB updates at full speed (0.75 MB/s) made /api/health take 2 s and
// time out, and left other clients 1,700 updates behind. The server runs in its own process here.
test('one editor flooding valid 4 KB updates, first all at once and then at the sustained budget: health stays fast, a reader keeps up', async () => {
  const { syncBudget } = loadConfig({})
  const server = await startChildServer({ DATA_DIR: makeTempDir(), LOG_LEVEL: 'info' })
  const { board, tokens } = await createBoardAt(server.url, 'Tulva')
  const reader = connectClient(server.syncUrl, board.id, tokens.view)
  clients.push(reader)
  await waitForSync(reader)
  const socketUrl = `${server.syncUrl}/${board.id}?token=${tokens.edit}`

  // All at once: the burst (and what refills while the server works through it) goes through,
  // then the socket is closed 4529.
  const burst = noteFrames(Math.ceil((syncBudget.bytesBurst * 2 + syncBudget.bytesPerSecond * 2) / 4096), 4096, 'burst')
  const atOnce = await floodWhileProbingHealth({
    url: server.url,
    socketUrl,
    frames: burst,
    bytesPerSecond: null,
    closeWithinMs: 30_000,
  })
  console.log(describe('all at once', atOnce))
  expect(atOnce.closed?.code).toBe(CloseCode.rateLimited)
  expect(atOnce.healthFailures).toBe(0)

  // Then a new connection keeps to 95 % of the sustained rate for 8 s: never closed.
  const rate = syncBudget.bytesPerSecond * 0.95
  const paced = noteFrames(Math.ceil((rate * 8) / 4096), 4096, 'paced')
  const atBudget = await floodWhileProbingHealth({ url: server.url, socketUrl, frames: paced, bytesPerSecond: rate })
  console.log(describe('at the budget', atBudget))
  expect(atBudget.closed).toBeNull()
  expect(atBudget.healthFailures).toBe(0)
  expect(atBudget.health.p99).toBeLessThan(1_000)
  const caughtUpFrom = performance.now()
  const records = openBoardRecords(reader.doc)
  await waitFor(() => records.has(`shape:paced${paced.length - 1}`), 'the reader has every paced note', 20_000)
  console.log(
    `reader caught up ${(performance.now() - caughtUpFrom).toFixed(0)} ms after the paced flood (+1 s settle)`,
  )
}, 120_000)
