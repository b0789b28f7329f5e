import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import { FacilitationCommand, FacilitationResponse } from '../../shared/facilitation.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import { applyFacilitationCommand } from '../rooms/facilitationCommands.js'
import type { RoomManager } from '../rooms/RoomManager.js'

/** A facilitator leads the room: freeze, anonymous rounds, the timer, follow me, the People panel. */
export const facilitationRoutes: FastifyPluginAsyncZod<{ rooms: RoomManager }> = async (app, { rooms }) => {
  app.post(
    '/api/boards/:boardId/facilitation',
    {
      config: { boardAccess: ['facilitator'] },
      schema: {
        summary: 'Change the facilitation state (shared/facilitation.ts); everyone sees it through the document',
        params: BoardParams,
        body: FacilitationCommand,
        response: { 200: FacilitationResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const room = await rooms.getRoom(request.boardAccess.board.id)
      try {
        const now = Date.now()
        room.writeFacilitation(applyFacilitationCommand(room.facilitationState, request.body, now))
        // Answer once it is stored: a facilitator who saw "frozen" may rely on it.
        await room.whenStored()
        return { state: room.facilitationState, serverNow: now }
      } finally {
        rooms.release(room)
      }
    },
  )
}
