/**
 * Our server, built and tuned exactly as server/main.ts does it (SQLite under DATA_DIR, logging off).
 * The harness bundles this file; BENCH_OURS_ROOT makes it bundle server/ from another copy of
 * the repository (see harness/bundle.ts).
 */
// As server/main.ts runs it (`npm start`).
import '../../server/favourMemory.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { benchDataDir, runServerChild } from './serverChild.js'

await runServerChild(async () => {
  const config = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: benchDataDir(),
      ...(process.env.ROOM_IDLE_MS ? { ROOM_IDLE_MS: process.env.ROOM_IDLE_MS } : {}),
      // Every simulated client comes from 127.0.0.1 and the capacity scenario fills one room past
      // 300: the per-address and per-board caps would measure themselves. The per-connection
      // budgets stay on: the workload is meant to be one they never touch.
      MAX_CONNECTIONS_PER_IP: '0',
      MAX_CONNECTIONS_PER_BOARD: '0',
      BOARDS_PER_HOUR_PER_IP: '0',
    }),
    port: 0,
    clientDir: undefined,
  }
  const app = await buildApp({ config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  return {
    target: { server: 'tilannekuva', client: 'tilannekuva', url: `ws://127.0.0.1:${address.port}/sync` },
    // Through the public API, on a blank board: the peers get the same records (see load/boards.ts).
    async createBoards(count) {
      const refs = []
      for (let i = 0; i < count; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/boards',
          payload: { title: `Benchmark ${i}`, template: 'blank' },
        })
        if (response.statusCode !== 201)
          throw new Error(`creating a board failed: ${response.statusCode} ${response.body}`)
        const created = response.json<{ board: { id: string }; tokens: { edit: string } }>()
        refs.push({ id: created.board.id, token: created.tokens.edit })
      }
      return refs
    },
    loadedDocs: () => app.rooms.loadedCount,
    stop: () => app.close(),
  }
})
