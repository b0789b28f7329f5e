import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { SyncQuery } from '../../shared/api.js'
import type { WebSocket } from 'ws'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { assertNever } from '../../shared/assertNever.js'
import type { Access, BoardService } from '../boards/BoardService.js'
import type { SyncBudget } from '../config.js'
import type { ParticipantService } from '../participants/ParticipantService.js'
import type { Room } from '../rooms/Room.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import type { RoomConnection } from '../rooms/types.js'
import { isAllowedOrigin } from '../security/originCheck.js'
import { ConnectionBudget } from '../sync/ConnectionBudget.js'
import type { ConnectionLimits } from '../sync/ConnectionLimits.js'

/** Frames a connection may send before its board is loaded; more closes it (rate limited). */
const MAX_EARLY_FRAMES = 1_000
const MAX_EARLY_BYTES = 8 * 1024 * 1024
/** A client that stops reading is dropped before its send buffer eats the server's memory. */
const MAX_SEND_BUFFER_BYTES = 64 * 1024 * 1024

let nextConnectionId = 1

/** Adapts a ws socket to the transport-free RoomConnection the room speaks to. */
class SocketConnection implements RoomConnection {
  readonly id = `c${nextConnectionId++}`
  constructor(private readonly socket: WebSocket) {}

  send(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > MAX_SEND_BUFFER_BYTES) {
      this.close(CloseCode.tooSlow, CloseReason.tooSlow)
      return
    }
    this.socket.send(frame)
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason)
    }
  }
}

/** The websocket's answer to a refused token; every role may connect (viewers read only). */
function refuse(connection: SocketConnection, refusal: Exclude<Access, { ok: true }>): void {
  switch (refusal.reason) {
    case 'not_found':
      connection.close(CloseCode.boardNotFound, CloseReason.boardNotFound)
      return
    case 'unauthorized':
    case 'forbidden':
      connection.close(CloseCode.unauthorized, CloseReason.unauthorized)
      return
    case 'revoked':
      // As the devices connected at the rotation were told: a reconnecting one learns the same.
      connection.close(CloseCode.linkRevoked, CloseReason.linkRevoked)
      return
    default:
      assertNever(refusal)
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

/** GET /sync/:boardId?token=…&participant=… — the y-websocket protocol for one board. */
export const syncRoutes: FastifyPluginAsyncZod<{
  boards: BoardService
  participants: ParticipantService
  rooms: RoomManager
  /** PUBLIC_URL: the only page origin that may open a socket (same-origin when unset). */
  publicUrl: string | undefined
  /** True while storage writes fail: joiners are told the board cannot be saved. */
  writesFailing: () => boolean
  /** What each connection may send per second (SYNC_* settings). */
  budget: SyncBudget
  /** Open sockets per board and per client address. */
  limits: ConnectionLimits
}> = async (app, { boards, participants, rooms, publicUrl, writesFailing, budget, limits }) => {
  app.get(
    '/sync/:boardId',
    {
      websocket: true,
      schema: {
        summary: 'The y-websocket protocol for one board (a websocket upgrade)',
        description:
          'Refusals are close codes (shared/closeCodes.ts): 4401 missing or wrong token, 4404 unknown board; ' +
          '4410 when the link it opened with is rotated (also on joining with a rotated one); 1013 too many connections to the board or from the ' +
          'address; 4529 more bytes or frames a second than the budget; 4413 an edit past the board size ' +
          'limit; 4507 while the board cannot be saved. `participant` (a secret from POST …/participants) ' +
          'binds the connection to that person; an unknown one connects without identity.',
        // Any string: a malformed id is answered like an unknown board, with a close code.
        params: z.object({ boardId: z.string() }),
        querystring: SyncQuery,
      },
    },
    (socket, request) => {
      const { boardId } = request.params
      const connection = new SocketConnection(socket)
      const log = request.log.child({ boardId, connection: connection.id })
      // A page of another site could otherwise sync with a token it has seen (cross-site websocket).
      if (!isAllowedOrigin(request.headers.origin, request.headers.host, publicUrl)) {
        log.warn({ origin: request.headers.origin }, 'websocket refused: origin is not this server')
        connection.close(CloseCode.originRefused, CloseReason.originRefused)
        return
      }
      // request.ip honours TRUST_PROXY (X-Forwarded-For) as Fastify's trustProxy does.
      const releaseAddress = limits.acquireAddress(request.ip)
      if (!releaseAddress) {
        log.warn({ ip: request.ip }, 'websocket refused: too many connections from this address')
        connection.close(CloseCode.serverBusy, CloseReason.serverBusy)
        return
      }
      let releaseBoard: (() => void) | null = null
      let room: Room | null = null
      let socketClosed = false
      /** Set once the connection is being closed for its own doing: later frames are ignored. */
      let refused = false
      let early: Uint8Array[] = []
      let earlyBytes = 0
      const sendBudget = new ConnectionBudget(budget)

      // Listeners go on before any await: frames that arrive while we authorise and load the
      // board are kept (within limits) instead of being lost.
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (refused) return
        if (!isBinary) {
          refused = true
          connection.close(CloseCode.badMessage, CloseReason.badMessage)
          return
        }
        const frame = toBytes(data)
        // Charged before anything decodes it: a flood costs the server no more than the budget.
        const exceeded = sendBudget.charge(frame.byteLength)
        if (exceeded) {
          refused = true
          early = []
          log.warn({ budget: exceeded, ...budget }, 'websocket closed: it sent more than its budget')
          connection.close(CloseCode.rateLimited, CloseReason.rateLimited)
          return
        }
        if (room) {
          room.receive(connection, frame)
          return
        }
        early.push(frame)
        earlyBytes += frame.byteLength
        if (early.length > MAX_EARLY_FRAMES || earlyBytes > MAX_EARLY_BYTES) {
          refused = true
          early = []
          connection.close(CloseCode.rateLimited, CloseReason.rateLimited)
        }
      })
      socket.on('close', () => {
        socketClosed = true
        room?.disconnect(connection)
        releaseBoard?.()
        releaseAddress()
      })
      socket.on('error', (error) => log.warn({ err: error }, 'websocket error'))

      const join = async () => {
        const { token, participant: secret } = request.query
        let accessVersion = boards.accessVersion
        let access = await boards.authorize(boardId, token)
        if (!access.ok) {
          log.info({ reason: access.reason }, 'websocket refused')
          refuse(connection, access)
          return
        }
        if (socketClosed || refused) return
        if (writesFailing()) {
          log.warn('websocket refused: storage writes are failing')
          connection.close(CloseCode.notSaving, CloseReason.notSaving)
          return
        }
        // Counted once authorised, so sockets with a wrong token never hold a board's places.
        releaseBoard = limits.acquireBoard(boardId)
        if (!releaseBoard) {
          log.warn('websocket refused: the board has as many connections as it may')
          connection.close(CloseCode.serverBusy, CloseReason.serverBusy)
          return
        }
        const participant = await participants.resolve(boardId, secret)
        // Never the secret itself in the log: only that it did not match.
        if (secret && !participant)
          log.warn('participant secret is not registered on this board: joining without identity')
        const joined = await rooms.getRoom(boardId)
        // A link rotated while this socket was authorised and its room loaded closed the room's
        // connections before this one was among them: check the token again.
        while (accessVersion !== boards.accessVersion) {
          accessVersion = boards.accessVersion
          access = await boards.authorize(boardId, token)
          if (!access.ok) {
            rooms.release(joined)
            log.info({ reason: access.reason }, 'websocket refused: its link was rotated while joining')
            connection.close(CloseCode.linkRevoked, CloseReason.linkRevoked)
            return
          }
        }
        if (socketClosed || refused) {
          rooms.release(joined)
          return
        }
        joined.connect(connection, { role: access.role, participant })
        room = joined
        const queued = early
        early = []
        for (const frame of queued) joined.receive(connection, frame)
      }
      join().catch((error) => {
        log.error({ err: error }, 'joining a board failed')
        const shuttingDown = rooms.isShuttingDown
        connection.close(
          shuttingDown ? CloseCode.serverRestarting : CloseCode.internalError,
          shuttingDown ? CloseReason.serverRestarting : CloseReason.internalError,
        )
      })
    },
  )
}
