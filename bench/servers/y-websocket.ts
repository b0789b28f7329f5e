/**
 * The y-websocket reference server (1.5.4, bin/utils.js) wired as its bin/server.js does, with
 * y-leveldb persistence (YPERSISTENCE): every update is queued to LevelDB after it is broadcast.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { WebSocketServer } from 'ws'
import { benchDataDir, randomBoardRefs, runServerChild } from './serverChild.js'

await runServerChild(async () => {
  // utils.js reads YPERSISTENCE when it is first loaded.
  process.env.YPERSISTENCE = path.join(benchDataDir(), 'leveldb')
  // Quiet its one start-up line so the harness output stays readable.
  const info = console.info
  console.info = () => {}
  const utils = createRequire(import.meta.url)(
    'y-websocket-legacy/bin/utils',
  ) as typeof import('y-websocket-legacy/bin/utils')
  console.info = info

  const wss = new WebSocketServer({ noServer: true })
  wss.on('connection', (socket, request) => utils.setupWSConnection(socket, request))
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.end('okay')
  })
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  return {
    target: { server: 'y-websocket', client: 'y-websocket', url: `ws://127.0.0.1:${address.port}` },
    createBoards: async (count) => randomBoardRefs(count),
    loadedDocs: () => utils.docs.size,
    async stop() {
      for (const client of wss.clients) client.close()
      const deadline = Date.now() + 10_000
      while (utils.docs.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      // LevelDB work is one promise chain (provider.tr). A board that was loading when its last
      // client left still appends its first write when the read finishes, so wait until the
      // chain stops growing before closing the database, or that board is lost.
      const persistence = utils.getPersistence()
      if (persistence) {
        let tail: Promise<unknown>
        do {
          tail = persistence.provider.tr
          await tail
          await new Promise((resolve) => setImmediate(resolve))
        } while (persistence.provider.tr !== tail && Date.now() < deadline + 10_000)
        await persistence.provider.destroy()
      }
      server.close()
    },
  }
})
