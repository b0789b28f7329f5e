import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import {
  PARTICIPANT_HEADER,
  ParticipantHeaders,
  RegisterParticipantRequest,
  RegisterParticipantResponse,
  UpdateParticipantRequest,
  UpdateParticipantResponse,
} from '../../shared/facilitation.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { ParticipantService } from '../participants/ParticipantService.js'
import type { RoomManager } from '../rooms/RoomManager.js'

/**
 * Participant identities: a device registers a name and group on a board and may change them.
 * Registrations are limited per client address (a whole workshop behind one venue NAT registers
 * from one address, so the default is generous) and the board's identities are capped.
 */
export const participantRoutes: FastifyPluginAsyncZod<{
  participants: ParticipantService
  rooms: RoomManager
  /** Registrations one address may make per hour (PARTICIPANTS_PER_HOUR_PER_IP); 0 for no limit. */
  registrationsPerHour: number
}> = async (app, { participants, rooms, registrationsPerHour }) => {
  await app.register(fastifyRateLimit, { global: false })
  const registrations = app.createRateLimit({ max: registrationsPerHour, timeWindow: 60 * 60_000 })

  app.post(
    '/api/boards/:boardId/participants',
    {
      config: { boardAccess: ANY_ROLE },
      bodyLimit: 4 * 1024,
      schema: {
        summary: 'Register a person (name, stakeholder group) on the board',
        description:
          "Answers with the identity and a secret, shown once: the device sends it as X-Participant and as the websocket's participant parameter. " +
          '409 `limit_reached` when the board has MAX_PARTICIPANTS_PER_BOARD identities; 429 `rate_limited` (Retry-After) after too many registrations from one address.',
        params: BoardParams,
        body: RegisterParticipantRequest,
        response: { 201: RegisterParticipantResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store')
      if (registrationsPerHour > 0) {
        const used = await registrations(request)
        if (!used.isAllowed && used.isExceeded) {
          request.log.warn({ ip: request.ip }, 'participant registration refused: too many from this address')
          return sendError(
            reply.header('Retry-After', String(used.ttlInSeconds)),
            429,
            'rate_limited',
            'too many registrations from this address; try again later',
          )
        }
      }
      const registered = await participants.register(request.boardAccess.board.id, request.body)
      if (!registered) {
        request.log.warn('participant registration refused: the board has as many identities as it may')
        return sendError(
          reply,
          409,
          'limit_reached',
          'this board has as many registered participants as it may; join without a name',
        )
      }
      request.log.info({ participantId: registered.participant.id }, 'participant registered')
      return reply.code(201).header('Cache-Control', 'no-store').send(registered)
    },
  )

  app.patch(
    '/api/boards/:boardId/participants/me',
    {
      config: { boardAccess: ANY_ROLE },
      bodyLimit: 4 * 1024,
      schema: {
        summary: "Change this device's name or stakeholder group",
        description: 'The participant is the one whose secret is in X-Participant; 401 when it is not registered here.',
        params: BoardParams,
        headers: ParticipantHeaders,
        body: UpdateParticipantRequest,
        response: { 200: UpdateParticipantResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const secret = request.headers[PARTICIPANT_HEADER]
      if (!secret) return sendError(reply, 401, 'unauthorized', 'send the participant secret as X-Participant')
      const participant = await participants.update(request.boardAccess.board.id, secret, request.body)
      if (!participant) {
        return sendError(
          reply,
          401,
          'unauthorized',
          'this participant secret is not registered on the board; register again',
        )
      }
      // Live connections of this person now speak for the new name and group.
      ;(await rooms.peekLoaded(request.boardAccess.board.id))?.updateParticipant(participant)
      return { participant }
    },
  )
}
