import type { FastifyPluginAsync } from 'fastify'
import { CreateBoardRequest, type CreateBoardResponse, type GetBoardResponse } from '../../shared/api.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError, zodIssues } from '../http/errors.js'

const isJson = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '')

export const boardRoutes: FastifyPluginAsync<{ boards: BoardService }> = async (app, { boards }) => {
  app.post('/api/boards', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    if (!isJson(request.headers['content-type'])) {
      return sendError(reply, 415, 'unsupported_media_type', 'send the board as application/json')
    }
    const parsed = CreateBoardRequest.safeParse(request.body ?? undefined)
    if (!parsed.success) {
      return sendError(reply, 400, 'bad_request', 'invalid board', zodIssues(parsed.error, request.body))
    }
    const created = await boards.create(parsed.data)
    request.log.info({ boardId: created.board.id }, 'board created')
    return reply.code(201).send(created satisfies CreateBoardResponse)
  })

  app.get('/api/boards/:boardId', { config: { boardAccess: ANY_ROLE } }, async (request) => {
    const { board, role } = request.boardAccess
    return { board, role } satisfies GetBoardResponse
  })
}
