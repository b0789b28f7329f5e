import { afterEach, expect, test } from 'vitest'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { killRound } from '../helpers/killRound.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'

afterEach(async () => {
  await stopChildServers()
})

// More rounds: `npm run kill-rounds -- --rounds=N` (scripts/killRounds.ts).
test('kill -9 of the server, three times over, loses nothing any client had received and leaves the database intact', async () => {
  const dataDir = makeTempDir()
  const first = await startChildServer({ DATA_DIR: dataDir })
  const { board, tokens } = await createBoardAt(first.url, 'Kaatumistesti')
  first.process.kill('SIGTERM')
  await first.exited

  for (let round = 0; round < 3; round++) {
    const result = await killRound({ dataDir, boardId: board.id, editToken: tokens.edit, round })
    expect(result.received).toBeGreaterThanOrEqual(300)
    expect(result.integrity).toBe('ok')
    expect(result.missing).toEqual([])
  }
}, 120_000)
