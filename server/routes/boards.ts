import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams, CreateBoardRequest, CreateBoardResponse, GetBoardResponse } from '../../shared/api.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'

const isJson = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '')

/** Creating a board, and what a token opens on one. */
export const boardRoutes: FastifyPluginAsyncZod<{ boards: BoardService }> = async (app, { boards }) => {
  app.post(
    '/api/boards',
    {
      bodyLimit: 16 * 1024,
      schema: {
        summary: 'Create a board',
        description: 'Answers with the capability tokens (shown once) and a link for each role.',
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
