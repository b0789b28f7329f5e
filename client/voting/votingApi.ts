/** The voting routes (shared/voting.ts) as the client calls them. */
import {
  type CastVoteRequest,
  MyVotes,
  type OpenRoundRequest,
  Round,
  RoundsResponse,
  type VoteRefusal,
  VoteRefusedBody,
} from '../../shared/voting.js'
import { type ApiResult, boardRequest } from '../api.js'

const roundPath = (roundId: string, rest = '') => `rounds/${encodeURIComponent(roundId)}${rest}`

/** Facilitator: opens a round; the server writes it into the document for everyone. */
export function openRound(boardId: string, token: string, request: OpenRoundRequest): Promise<ApiResult<Round>> {
  return boardRequest(boardId, 'rounds', { method: 'POST', token, body: request }, Round)
}

/** Facilitator: reveals a round's results to everyone, or closes it to further votes. */
export function changeRound(
  boardId: string,
  token: string,
  roundId: string,
  change: 'reveal' | 'close',
): Promise<ApiResult<Round>> {
  return boardRequest(boardId, roundPath(roundId, `/${change}`), { method: 'POST', token }, Round)
}

/** Every round with results as this link may see them (a facilitator's: all counts, always). */
export function fetchRounds(boardId: string, token: string): Promise<ApiResult<RoundsResponse>> {
  return boardRequest(boardId, 'rounds', { token }, RoundsResponse)
}

/** This device's dots in a round and how many it has left. */
export function fetchMyVotes(
  boardId: string,
  token: string,
  secret: string,
  roundId: string,
): Promise<ApiResult<MyVotes>> {
  return boardRequest(boardId, roundPath(roundId, '/me'), { token, participant: secret }, MyVotes)
}

export type VoteResult =
  | { ok: true; mine: MyVotes }
  /** The server said no, and why (shown to the person), or the request did not get through. */
  | { ok: false; reason: VoteRefusal | 'network' | 'failed' }

/** Puts a dot on a note (+1) or takes one back (-1). */
export async function castVote(
  boardId: string,
  token: string,
  secret: string,
  roundId: string,
  vote: CastVoteRequest,
): Promise<VoteResult> {
  const result = await boardRequest(
    boardId,
    roundPath(roundId, '/votes'),
    { method: 'POST', token, participant: secret, body: vote },
    MyVotes,
  )
  if (result.ok) return { ok: true, mine: result.data }
  const refusal = VoteRefusedBody.safeParse(result.body)
  if (refusal.success) return { ok: false, reason: refusal.data.reason }
  return { ok: false, reason: result.reason === 'network' ? 'network' : 'failed' }
}
