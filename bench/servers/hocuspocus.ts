/**
 * Hocuspocus 4 with its SQLite extension, default settings: documents are stored whole, debounced
 * (2 s after the last change, at most every 10 s) and when the last client leaves.
 */
import path from 'node:path'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'
import { benchDataDir, randomBoardRefs, runServerChild } from './serverChild.js'

await runServerChild(async () => {
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    extensions: [new SQLite({ database: path.join(benchDataDir(), 'hocuspocus.sqlite') })],
  })
  await server.listen()
  return {
    target: { server: 'hocuspocus', client: 'hocuspocus', url: `ws://127.0.0.1:${server.address.port}` },
    createBoards: async (count) => randomBoardRefs(count),
    loadedDocs: () => server.hocuspocus.getDocumentsCount(),
    stop: () => server.destroy(),
  }
})
