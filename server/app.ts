import fs from 'node:fs'
import path from 'node:path'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { BoardService } from './boards/BoardService.js'
import type { ServerConfig } from './config.js'
import { installBoardAccess } from './http/boardAccess.js'
import { installErrorHandlers } from './http/errors.js'
import { RoomManager } from './rooms/RoomManager.js'
import { boardRoutes } from './routes/boards.js'
import { clientRoutes } from './routes/client.js'
import { healthRoutes } from './routes/health.js'
import { pictureRoutes } from './routes/picture.js'
import { SnapshotService } from './picture/SnapshotService.js'
import { syncRoutes } from './routes/sync.js'
import type { BoardStorage } from './storage/BoardStorage.js'
import { SqliteStorage } from './storage/SqliteStorage.js'

export interface AppOptions {
  config: ServerConfig
  /** Defaults to SQLite under config.dataDir. The app closes it on shutdown. */
  storage?: BoardStorage
}

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomManager
    storage: BoardStorage
    boards: BoardService
  }
}

export type App = FastifyInstance

/** Tokens travel in the websocket's query string: never write them to the log. */
function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1[redacted]')
}

/**
 * Builds the whole server (API, websocket sync, client) without listening. Closing the app stores
 * every open board, tells connected clients the server is restarting, and closes storage.
 */
export async function buildApp({ config, storage }: AppOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: {
        req: (request) => ({ method: request.method, url: redactUrl(request.url) }),
      },
    },
    // Big enough for imports; the board routes set tighter limits where they can.
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
  })
  const boardStorage = storage ?? SqliteStorage.inDataDir(config.dataDir, { warn: (message) => app.log.warn(message) })
  const snapshots = new SnapshotService({
    storage: boardStorage,
    logger: app.log,
    debounceMs: config.snapshotDebounceMs,
    maxWaitMs: config.snapshotMaxWaitMs,
  })
  const rooms = new RoomManager({
    storage: boardStorage,
    logger: app.log,
    idleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    onRoomLoaded: (room) => snapshots.attach(room),
  })
  const boards = new BoardService(boardStorage, config.publicUrl)

  app.decorate('rooms', rooms)
  app.decorate('storage', boardStorage)
  app.decorate('boards', boards)
  installErrorHandlers(app)
  installBoardAccess(app, boards)
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('X-Content-Type-Options', 'nosniff')
  })
  // preClose runs before the server stops accepting and before sockets are torn down, so rooms
  // can close their clients with "server restarting" after storing everything.
  app.addHook('preClose', async () => {
    await rooms.closeAll()
  })
  app.addHook('onClose', async () => {
    await boardStorage.close()
  })

  await app.register(fastifyWebsocket, { options: { maxPayload: config.maxMessageBytes } })
  await app.register(healthRoutes, { storage: boardStorage })
  await app.register(boardRoutes, { boards })
  await app.register(syncRoutes, { boards, rooms })
  await app.register(pictureRoutes, { boards, rooms, snapshots })
  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    await app.register(clientRoutes, {
      clientDir: config.clientDir,
      config: config.tldrawLicenseKey ? { tldrawLicenseKey: config.tldrawLicenseKey } : {},
    })
  } else {
    app.log.warn({ clientDir: config.clientDir }, 'client is not built; serving the API only')
  }
  return app
}
