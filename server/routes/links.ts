import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { BoardLinksResponse, RotateLinkRequest } from '../../shared/facilitation.js'
import type { BoardService } from '../boards/BoardService.js'
import { bearerToken } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { RoomManager } from '../rooms/RoomManager.js'

const FACILITATOR_ONLY = ['facilitator'] as const

/** The edit, view and join links for any facilitator device, and rotating a leaked one. */
export const linkRoutes: FastifyPluginAsyncZod<{ boards: BoardService; rooms: RoomManager }> = async (
  app,
  { boards, rooms },
) => {
  // The access check already proved it is this board's facilitator token: it is the sealing key.
  const facilitatorToken = (authorization: string | undefined) => bearerToken(authorization) ?? ''

  app.get(
    '/api/boards/:boardId/links',
    {
      config: { boardAccess: FACILITATOR_ONLY },
      schema: {
        summary: 'The edit, view and join links of the board',
        description: 'links is null for a board made before links were kept: rotate both the edit and the view link.',
        params: BoardParams,
        response: { 200: BoardLinksResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const links = await boards.links(request.boardAccess.board.id, facilitatorToken(request.headers.authorization))
      return reply.header('Cache-Control', 'no-store').send({ links })
    },
  )

  app.post(
    '/api/boards/:boardId/links/rotate',
    {
      config: { boardAccess: FACILITATOR_ONLY },
      bodyLimit: 1024,
      schema: {
        summary: 'Replace the edit or the view link; the old one stops working at once',
        description:
          'Rotating edit also replaces the join code. Every connection opened with the old link is closed (4410 link-revoked). ' +
          'links is null while the other link of a board made before links were kept is still unknown.',
        params: BoardParams,
        body: RotateLinkRequest,
        response: { 200: BoardLinksResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const boardId = request.boardAccess.board.id
      const { role } = request.body
      const links = await boards.rotate(boardId, role, facilitatorToken(request.headers.authorization))
      // After the new hashes are stored: a socket that joins meanwhile is refused or re-checked (sync.ts).
      const closed = (await rooms.peekLoaded(boardId))?.closeConnectionsWithRole(
        role,
        CloseCode.linkRevoked,
        CloseReason.linkRevoked,
      )
      request.log.info({ boardId, role, closed: closed ?? 0 }, 'link rotated')
      return reply.header('Cache-Control', 'no-store').send({ links })
    },
  )
}
