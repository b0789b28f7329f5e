import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import * as Y from 'yjs'
import { BoardParams, CreateBoardRequest, CreateBoardResponse, GetBoardResponse } from '../../shared/api.js'
import { BoardFile } from '../../shared/boardFile.js'
import { BoardFileError, readBoardFile, writeBoardFile } from '../boards/boardFile.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { attachmentDisposition } from '../http/downloadFileName.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

const isJson = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '')

/**
 * Creating a board, what a token opens on one, and moving a board between installations as a
 * file (shared/boardFile.ts). Creation and import are limited per client address together: each
 * board costs disk, and anonymous creation once ran at 23 boards a second.
 */
export const boardRoutes: FastifyPluginAsyncZod<{
  boards: BoardService
  rooms: RoomManager
  snapshots: SnapshotService
  votes: Pick<BoardStorage, 'loadVotes' | 'saveVote'>
  /** Boards one address may create per hour (BOARDS_PER_HOUR_PER_IP); 0 for no limit. */
  createsPerHour: number
  /** The largest board document (MAX_BOARD_BYTES); 0 for no limit. */
  maxBoardBytes: number
}> = async (app, { boards, rooms, snapshots, votes, createsPerHour, maxBoardBytes }) => {
  // Registered inside this plugin with global: false: it limits nothing else.
  await app.register(fastifyRateLimit, { global: false })
  const creations = app.createRateLimit({ max: createsPerHour, timeWindow: 60 * 60_000 })

  /** Uses one of the address's creations; answers 429 and returns false when none is left. */
  const spendCreation = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (createsPerHour <= 0) return true
    const used = await creations(request)
    if (used.isAllowed || !used.isExceeded) return true
    request.log.warn({ ip: request.ip }, 'board creation refused: too many from this address')
    sendError(
      reply.header('Retry-After', String(used.ttlInSeconds)),
      429,
      'rate_limited',
      'too many boards created from this address; try again later',
    )
    return false
  }
  const refuseUnlessJson = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isJson(request.headers['content-type'])) {
      return sendError(reply, 415, 'unsupported_media_type', 'send the board as application/json')
    }
  }

  app.post(
    '/api/boards',
    {
      bodyLimit: 16 * 1024,
      schema: {
        summary: 'Create a board',
        description:
          'Answers with the capability tokens (shown once, never cached) and a link for each role; ' +
          '429 `rate_limited` (Retry-After) after BOARDS_PER_HOUR_PER_IP boards from one address.',
        consumes: ['application/json'],
        body: CreateBoardRequest,
        response: { 201: CreateBoardResponse, ...ERROR_RESPONSES },
      },
      // Refused before the body is read: Fastify would otherwise parse text/plain as a string.
      onRequest: refuseUnlessJson,
    },
    async (request, reply) => {
      // It carries the tokens: no cache may keep it.
      reply.header('Cache-Control', 'no-store')
      // Counted here, after validation: only requests that would make a board use the allowance.
      if (!(await spendCreation(request, reply))) return reply
      const created = await boards.create(request.body)
      request.log.info({ boardId: created.board.id }, 'board created')
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/api/boards/:boardId',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: 'The board and the role the token opens',
        params: BoardParams,
        response: { 200: GetBoardResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { board, role } = request.boardAccess
      return { board, role }
    },
  )

  app.get(
    '/api/boards/:boardId/file',
    {
      config: { boardAccess: ['facilitator'] },
      schema: {
        summary: 'The board as a file, to move it to another installation',
        description:
          'Its Yjs document, the votes of its rounds and its BoardSnapshot (shared/boardFile.ts); ' +
          'POST /api/boards/import makes a new board of it. Facilitator link only.',
        params: BoardParams,
        response: {
          200: { description: 'The board file', content: { 'application/json': { schema: BoardFile } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { board } = request.boardAccess
      const room = await rooms.getRoom(board.id)
      try {
        const exportedAt = new Date()
        const file = writeBoardFile(
          board,
          Y.encodeStateAsUpdate(room.doc),
          await votes.loadVotes(board.id),
          await snapshots.current(board.id, room),
          exportedAt,
        )
        request.log.info({ boardId: board.id }, 'board exported as a file')
        return reply
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', attachmentDisposition(board.title, exportedAt, 'tilannekuva.json'))
          .type('application/json; charset=utf-8')
          .send(file)
      } finally {
        rooms.release(room)
      }
    },
  )

  app.post(
    '/api/boards/import',
    {
      // The state is base64 (4/3 of the board) and the snapshot rides along.
      bodyLimit: Math.max(16 * 1024 * 1024, Math.ceil((maxBoardBytes * 4) / 3) + 16 * 1024 * 1024),
      schema: {
        summary: 'A new board from a board file (GET /api/boards/:id/file)',
        description:
          'Answers like POST /api/boards, with new links; 400 `bad_request` for a file that is not a board, ' +
          '413 for one over MAX_BOARD_BYTES; every attempt counts towards BOARDS_PER_HOUR_PER_IP.',
        consumes: ['application/json'],
        body: BoardFile,
        response: { 201: CreateBoardResponse, ...ERROR_RESPONSES },
      },
      // Counted before the body is read: parsing and checking a large file costs the server
      // most of a second, so even files that turn out not to be boards use the allowance.
      onRequest: async (request, reply) => {
        if (!isJson(request.headers['content-type'])) return refuseUnlessJson(request, reply)
        if (!(await spendCreation(request, reply))) return reply
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store')
      let imported: ReturnType<typeof readBoardFile>
      try {
        imported = readBoardFile(request.body, maxBoardBytes)
      } catch (error) {
        if (!(error instanceof BoardFileError)) throw error
        if (error.tooLarge) return sendError(reply, 413, 'payload_too_large', error.message)
        return sendError(reply, 400, 'bad_request', error.message)
      }
      const { title, template, language } = request.body.board
      const created = await boards.create({ title, template, language }, imported.document)
      for (const vote of imported.votes) await votes.saveVote(created.board.id, vote)
      request.log.info(
        { boardId: created.board.id, records: imported.recordCount, votes: imported.votes.length },
        'board imported from a file',
      )
      return reply.code(201).send(created)
    },
  )
}
