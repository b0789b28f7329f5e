import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams, CreateBoardRequest, CreateBoardResponse, GetBoardResponse } from '../../shared/api.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'

const isJson = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '')

/**
 * Creating a board, and what a token opens on one. Creation is limited per client address: each
 * board costs disk, and anonymous creation once ran at 23 boards a second.
 */
export const boardRoutes: FastifyPluginAsyncZod<{
  boards: BoardService
  /** Boards one address may create per hour (BOARDS_PER_HOUR_PER_IP); 0 for no limit. */
  createsPerHour: number
}> = async (app, { boards, createsPerHour }) => {
  // Registered inside this plugin with global: false: it limits nothing else.
  await app.register(fastifyRateLimit, { global: false })
  const creations = app.createRateLimit({ max: createsPerHour, timeWindow: 60 * 60_000 })

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
      onRequest: async (request, reply) => {
        if (!isJson(request.headers['content-type'])) {
          return sendError(reply, 415, 'unsupported_media_type', 'send the board as application/json')
        }
      },
    },
    async (request, reply) => {
      // It carries the tokens: no cache may keep it.
      reply.header('Cache-Control', 'no-store')
      // Counted here, after validation: only requests that would make a board use the allowance.
      if (createsPerHour > 0) {
        const used = await creations(request)
        if (!used.isAllowed && used.isExceeded) {
          request.log.warn({ ip: request.ip }, 'board creation refused: too many from this address')
          return sendError(
            reply.header('Retry-After', String(used.ttlInSeconds)),
            429,
            'rate_limited',
            'too many boards created from this address; try again later',
          )
        }
      }
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
}
