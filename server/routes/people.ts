import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import {
  FACILITATION_MAP_NAME,
  PeopleResponse,
  type Person,
  readFacilitation,
  STAKEHOLDER_GROUPS,
} from '../../shared/facilitation.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { RoomManager } from '../rooms/RoomManager.js'

/** People present per stakeholder group, every group listed. */
function countByGroup(people: readonly Person[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(STAKEHOLDER_GROUPS.map((group) => [group, 0]))
  for (const person of people) {
    if (person.group in counts) counts[person.group]!++
  }
  return counts
}

/** GET …/people: who is here, from the server's own connections. */
export const peopleRoutes: FastifyPluginAsyncZod<{ rooms: RoomManager }> = async (app, { rooms }) => {
  app.get(
    '/api/boards/:boardId/people',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: 'Who is here: one entry per person (however many tabs), their group, role and activity',
        description:
          'Facilitators always; edit and view links only while the facilitator shows the People panel (403 otherwise).',
        params: BoardParams,
        response: { 200: PeopleResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { board, role } = request.boardAccess
      // Only a loaded room has connections; a board nobody has open is not loaded to answer this.
      const room = await rooms.peekLoaded(board.id)
      // Without the room its state is unknown: hidden is the safe assumption for participants.
      const visible = room ? readFacilitation(room.doc.getMap(FACILITATION_MAP_NAME)).peopleVisible : false
      if (role !== 'facilitator' && !visible) {
        return sendError(reply, 403, 'forbidden', 'the facilitator has not made the people list visible')
      }
      const serverNow = Date.now()
      const people = room ? room.people(serverNow) : []
      return reply.header('Cache-Control', 'no-store').send({ people, counts: countByGroup(people), serverNow })
    },
  )
}
