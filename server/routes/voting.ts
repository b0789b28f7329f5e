import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import { PARTICIPANT_HEADER, ParticipantHeaders, type Participant } from '../../shared/facilitation.js'
import {
  CastVoteRequest,
  MyVotes,
  OpenRoundRequest,
  Round,
  RoundId,
  type OpenRoundRefusal,
  RoundsResponse,
  type VoteRefusal,
} from '../../shared/voting.js'
import { EDIT_ROLES } from '../http/boardAccess.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { ParticipantService } from '../participants/ParticipantService.js'
import type { Room } from '../rooms/Room.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import { OpenRoundRefused, VoteRefused, type VotingService } from '../voting/VotingService.js'

const RoundParams = BoardParams.extend({ roundId: RoundId })
/** What a person is told when a vote is refused (the client words it in their language). */
const REFUSAL_MESSAGES: Record<VoteRefusal, string> = {
  round_closed: 'the round is closed',
  round_unknown: 'no such round on this board',
  no_votes_left: 'you have used all your votes in this round',
  note_limit_reached: 'this note has as many of your votes as one note may have',
  note_not_in_round: 'this note is not part of the round',
  note_deleted: 'this note no longer exists',
  no_vote_to_take_back: 'you have no vote on this note to take back',
  participant_unknown: 'this device has no participant identity on the board; join again',
}
const OPEN_REFUSAL_MESSAGES: Record<OpenRoundRefusal, string> = {
  zone_unknown: 'scope.zoneId names no category zone of this board',
  ends_in_past: 'endsAt must be a time in the future (server time, GET /api/time)',
}

/** Dot voting (shared/voting.ts): the server keeps the count, rounds and visible results live in the document. */
export const votingRoutes: FastifyPluginAsyncZod<{
  rooms: RoomManager
  voting: VotingService
  participants: ParticipantService
}> = async (app, { rooms, voting, participants }) => {
  const refused = (reply: FastifyReply, reason: VoteRefusal) =>
    reply.code(reason === 'round_unknown' ? 404 : 409).send({
      error: 'vote_refused',
      reason,
      message: REFUSAL_MESSAGES[reason],
    })
  /** Runs `work` on the board's room; a refusal it throws becomes the answer. */
  const withRoom = async <T>(reply: FastifyReply, boardId: string, work: (room: Room) => Promise<T>) => {
    const room = await rooms.getRoom(boardId)
    try {
      return await work(room)
    } catch (error) {
      if (error instanceof VoteRefused) return refused(reply, error.reason)
      if (error instanceof OpenRoundRefused) {
        return reply
          .code(400)
          .send({ error: 'bad_request', reason: error.reason, message: OPEN_REFUSAL_MESSAGES[error.reason] })
      }
      throw error
    } finally {
      rooms.release(room)
    }
  }
  /** Runs `work` on the board's room for the identity whose secret the request carries; a refusal when there is none. */
  const withParticipant = <T>(
    reply: FastifyReply,
    boardId: string,
    secret: string | undefined,
    work: (room: Room, participant: Participant) => Promise<T>,
  ) =>
    withRoom(reply, boardId, async (room) => {
      const participant = await participants.resolve(room.boardId, secret)
      if (!participant) throw new VoteRefused('participant_unknown')
      return work(room, participant)
    })

  app.post(
    '/api/boards/:boardId/rounds',
    {
      config: { boardAccess: ['facilitator'] },
      schema: {
        summary: 'Open a voting round',
        description:
          'An unknown zone (`reason` zone_unknown) or an end time not in the future (ends_in_past) is 400 `bad_request`.',
        params: BoardParams,
        body: OpenRoundRequest,
        response: { 201: Round, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      withRoom(reply, request.boardAccess.board.id, async (room) => {
        const round = voting.openRound(room, request.body)
        await room.whenStored()
        return reply.code(201).send(round)
      }),
  )

  for (const change of ['reveal', 'close'] as const) {
    app.post(
      `/api/boards/:boardId/rounds/:roundId/${change}`,
      {
        config: { boardAccess: ['facilitator'] },
        schema: {
          summary: change === 'reveal' ? "Reveal a round's results to everyone" : 'Close a round: no more votes',
          params: RoundParams,
          response: { 200: Round, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) =>
        withRoom(reply, request.boardAccess.board.id, async (room) => {
          const round = await voting.changeRound(room, request.params.roundId, change)
          await room.whenStored()
          return round
        }),
    )
  }

  app.post(
    '/api/boards/:boardId/rounds/:roundId/votes',
    {
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: 'Put a dot on a note (+1) or take one back (-1)',
        description: 'Refusals are 409 `vote_refused` with a `reason` (VoteRefusal); an unknown round is 404.',
        params: RoundParams,
        headers: ParticipantHeaders,
        body: CastVoteRequest,
        response: { 200: MyVotes, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      withParticipant(reply, request.boardAccess.board.id, request.headers[PARTICIPANT_HEADER], (room, participant) =>
        voting.vote(room, participant, request.params.roundId, request.body.noteId, request.body.delta),
      ),
  )

  app.get(
    '/api/boards/:boardId/rounds/:roundId/me',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: "This device's votes in a round and how many it has left",
        params: RoundParams,
        headers: ParticipantHeaders,
        response: { 200: MyVotes, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      withParticipant(reply, request.boardAccess.board.id, request.headers[PARTICIPANT_HEADER], (room, participant) =>
        voting.myVotes(room, participant, request.params.roundId),
      ),
  )

  app.get(
    '/api/boards/:boardId/rounds',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: "The board's voting rounds, results as the caller may see them",
        description: 'A facilitator sees every count; others see hidden rounds only after the reveal.',
        params: BoardParams,
        response: { 200: RoundsResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      withRoom(reply, request.boardAccess.board.id, async (room) => ({
        rounds: await voting.roundsFor(room, request.boardAccess.role === 'facilitator'),
      })),
  )

  app.get(
    '/api/boards/:boardId/rounds/:roundId',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: 'One voting round, results as the caller may see them',
        params: RoundParams,
        response: { 200: Round, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      withRoom(reply, request.boardAccess.board.id, async (room) => {
        const rounds = await voting.roundsFor(room, request.boardAccess.role === 'facilitator')
        const round = rounds.find((candidate) => candidate.id === request.params.roundId)
        return round ?? refused(reply, 'round_unknown')
      }),
  )
}
