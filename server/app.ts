import fs from 'node:fs'
import path from 'node:path'
import fastifyCompress from '@fastify/compress'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { BoardService } from './boards/BoardService.js'
import type { ServerConfig } from './config.js'
import { installBoardAccess } from './http/boardAccess.js'
import { installErrorHandlers } from './http/errors.js'
import { registerOpenApi } from './http/openapi.js'
import { zodValidatorCompiler } from './http/validation.js'
import { RoomManager } from './rooms/RoomManager.js'
import { boardRoutes } from './routes/boards.js'
import { clientRoutes } from './routes/client.js'
import { healthRoutes } from './routes/health.js'
import { joinRoutes } from './routes/join.js'
import { linkRoutes } from './routes/links.js'
import { participantRoutes } from './routes/participants.js'
import { peopleRoutes } from './routes/people.js'
import { facilitationRoutes } from './routes/facilitation.js'
import { votingRoutes } from './routes/voting.js'
import { VotingService } from './voting/VotingService.js'
import { pdfRoutes } from './routes/pdf.js'
import { pictureRoutes } from './routes/picture.js'
import { SnapshotService } from './picture/SnapshotService.js'
import { syncRoutes } from './routes/sync.js'
import { versionRoutes } from './routes/versions.js'
import { VersionService } from './versions/VersionService.js'
import { timeRoutes } from './routes/time.js'
import { ParticipantService } from './participants/ParticipantService.js'
import { redactUrl } from './security/redactUrl.js'
import { registerWebSecurity } from './security/webSecurity.js'
import { CloseCode, CloseReason } from '../shared/closeCodes.js'
import { ConnectionLimits } from './sync/ConnectionLimits.js'
import type { BoardStorage } from './storage/BoardStorage.js'
import { SqliteStorage } from './storage/SqliteStorage.js'
import { WriteWatchedStorage } from './storage/WriteWatchedStorage.js'

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
    versions: VersionService
  }
}

export type App = FastifyInstance

/**
 * How long writes may fail before connected clients are closed 4507 (not saving): long enough
 * that one failed write retried at once (BoardLog retries after 100 and 500 ms) disturbs no one.
 */
const NOT_SAVING_GRACE_MS = 1_000

/**
 * Builds the whole server (API, websocket sync, client) without listening. Closing the app stores
 * every open board, tells connected clients the server is restarting, and closes storage.
 */
export async function buildApp({ config, storage }: AppOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: {
        // Tokens travel in the websocket's query string: never write them to the log.
        req: (request) => ({ method: request.method, url: redactUrl(request.url) }),
      },
    },
    // Big enough for imports; the board routes set tighter limits where they can.
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    // TRUST_PROXY: whose X-Forwarded-For names the client (request.ip, used by every per-address limit).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
  })
  // Watched, so that failing writes (a full disk) show in /api/health and refuse new joiners.
  const boardStorage = new WriteWatchedStorage(
    storage ?? SqliteStorage.inDataDir(config.dataDir, { warn: (message) => app.log.warn(message) }),
  )
  const snapshots = new SnapshotService({
    storage: boardStorage,
    logger: app.log,
    debounceMs: config.snapshotDebounceMs,
    maxWaitMs: config.snapshotMaxWaitMs,
  })
  const voting = new VotingService(boardStorage, app.log)
  const versions = new VersionService({ storage: boardStorage, logger: app.log, intervalMs: config.versionIntervalMs })
  const rooms = new RoomManager({
    storage: boardStorage,
    logger: app.log,
    idleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxBoardBytes: config.maxBoardBytes,
    onRoomLoaded: (room) => {
      snapshots.attach(room)
      versions.attach(room)
      voting.attach(room)
      room.onBeforeClose(async () => voting.forget(room.boardId))
    },
    onRoomClosing: (room) => voting.flush(room),
  })
  const boards = new BoardService(boardStorage, config.publicUrl)
  const participants = new ParticipantService(boardStorage, config.maxParticipantsPerBoard)
  const connectionLimits = new ConnectionLimits({
    perBoard: config.maxConnectionsPerBoard,
    perAddress: config.maxConnectionsPerIp,
  })
  // Clients already on a board are told when it stops being saved (they reconnect, and are
  // refused 4507 until writes work again), instead of editing on as if nothing were wrong.
  let notSavingTimer: NodeJS.Timeout | null = null
  boardStorage.onWritesFailingChange((failing) => {
    if (notSavingTimer) clearTimeout(notSavingTimer)
    notSavingTimer = null
    if (!failing) return
    notSavingTimer = setTimeout(() => {
      notSavingTimer = null
      if (!boardStorage.writesFailing) return
      void rooms.closeAllConnections(CloseCode.notSaving, CloseReason.notSaving).then((closed) => {
        app.log.error({ err: boardStorage.writeError, closed }, 'storage writes are failing: connections closed 4507')
      })
    }, NOT_SAVING_GRACE_MS)
    notSavingTimer.unref()
  })

  app.decorate('rooms', rooms)
  app.decorate('storage', boardStorage)
  app.decorate('boards', boards)
  app.decorate('versions', versions)
  app.setValidatorCompiler(zodValidatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
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
    if (notSavingTimer) clearTimeout(notSavingTimer)
    await boardStorage.close()
  })

  await registerWebSecurity(app, { publicUrl: config.publicUrl })
  // Large API answers (snapshots, CSV) travel compressed; static files come pre-compressed from the
  // build and keep their Content-Encoding; the websocket is not an HTTP reply and is not touched.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 2048,
    customTypes: /(?:\/|\+)json(?:;|$)|^text\/csv(?:;|$)/,
  })
  await app.register(fastifyWebsocket, { options: { maxPayload: config.maxMessageBytes } })
  // Before the routes: the document is collected from the routes registered after it.
  await registerOpenApi(app)
  await app.register(healthRoutes, { storage: boardStorage })
  await app.register(boardRoutes, {
    boards,
    rooms,
    snapshots,
    votes: boardStorage,
    createsPerHour: config.boardsPerHourPerIp,
    maxBoardBytes: config.maxBoardBytes,
  })
  await app.register(syncRoutes, {
    boards,
    participants,
    rooms,
    publicUrl: config.publicUrl,
    writesFailing: () => boardStorage.writesFailing,
    budget: config.syncBudget,
    limits: connectionLimits,
  })
  await app.register(pictureRoutes, { boards, rooms, snapshots })
  await app.register(pdfRoutes, { rooms, snapshots, versions })
  await app.register(versionRoutes, { rooms, snapshots, versions })
  await app.register(facilitationRoutes, { rooms })
  await app.register(votingRoutes, { rooms, voting, participants })
  await app.register(participantRoutes, {
    participants,
    rooms,
    registrationsPerHour: config.participantsPerHourPerIp,
  })
  await app.register(peopleRoutes, { rooms })
  await app.register(linkRoutes, { boards, rooms })
  await app.register(joinRoutes, { boards })
  await app.register(timeRoutes)
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
