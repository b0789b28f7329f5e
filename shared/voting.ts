/**
 * Dot voting, whose results split by stakeholder group. Where its state lives:
 *
 *   Votes          Server storage only (never in the document): one row per round, participant
 *                  identity and note, with the voter's group at the time. Cast and withdrawn by
 *                  REST with the device's participant secret, so allowances hold per identity
 *                  across tabs and reconnects, and hidden counts never reach a participant.
 *   Rounds         doc.getMap('facilitation') key 'voting' (VotingState), written by the server
 *                  only: every round's settings and status, and its results once they may be
 *                  seen (at once for an open round, after the reveal for a hidden one).
 *                  The snapshot, CSV and memo read the rounds from there, so they never hold
 *                  results a participant could not see.
 *
 *   POST   /api/boards/:boardId/rounds                     facilitator: open a round (OpenRoundRequest)
 *   POST   /api/boards/:boardId/rounds/:roundId/reveal     facilitator
 *   POST   /api/boards/:boardId/rounds/:roundId/close      facilitator
 *   POST   /api/boards/:boardId/rounds/:roundId/votes      edit/facilitator + X-Participant: CastVoteRequest
 *   GET    /api/boards/:boardId/rounds/:roundId/me         + X-Participant: MyVotes
 *   GET    /api/boards/:boardId/rounds                     any role: RoundsResponse (results as visible to the caller)
 *   GET    /api/boards/:boardId/rounds/:roundId            any role: Round (results as visible to the caller)
 */
import { z } from 'zod'
import { NOTE_SHAPE_TYPE } from './canvasShapes.js'
import { CATEGORY_IDS, CategoryId } from './categories.js'
import { StakeholderGroup, type TimerState } from './facilitation.js'
import type { NoteZones, PlacedShape } from './noteZones.js'

export const VOTING_STATE_KEY = 'voting'
export const MAX_VOTES_PER_PARTICIPANT = 50

export const RoundId = z.string().regex(/^r_[A-Za-z0-9_-]{8,40}$/)
export type RoundId = z.infer<typeof RoundId>

export const RoundScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }),
  z.object({ kind: z.literal('category'), category: z.enum(CATEGORY_IDS) }),
  /** Notes inside one zone shape (by its record id). */
  z.object({ kind: z.literal('zone'), zoneId: z.string().startsWith('shape:').max(200) }),
])
export type RoundScope = z.infer<typeof RoundScope>

export const RoundSettings = z.object({
  title: z.string().trim().max(200),
  scope: RoundScope,
  votesPerParticipant: z.number().int().min(1).max(MAX_VOTES_PER_PARTICIPANT),
  maxVotesPerNote: z.number().int().min(1).max(MAX_VOTES_PER_PARTICIPANT),
  /** Results are seen only after the facilitator reveals them. */
  hiddenUntilReveal: z.boolean(),
  /** Server time after which no vote counts; null for none (see roundEndsAt for endsWithTimer). */
  endsAt: z.number().nullable(),
})
export type RoundSettings = z.infer<typeof RoundSettings>

export const OpenRoundRequest = RoundSettings.extend({
  title: RoundSettings.shape.title.default(''),
  endsAt: RoundSettings.shape.endsAt.default(null),
  /**
   * End the round when the workshop timer runs out, following the timer as it is changed later
   * (added time, pause, reset); endsAt must then be null.
   */
  endWithTimer: z.boolean().default(false),
})
  .refine((round) => round.maxVotesPerNote <= round.votesPerParticipant, {
    message: 'maxVotesPerNote must not exceed votesPerParticipant',
    path: ['maxVotesPerNote'],
  })
  .refine((round) => !(round.endWithTimer && round.endsAt !== null), {
    message: 'a round ends with the timer or at endsAt, not both',
    path: ['endsAt'],
  })
export type OpenRoundRequest = z.input<typeof OpenRoundRequest>

/** Votes on one note, in total and per stakeholder group. */
export const NoteResult = z.object({
  noteId: z.string(),
  total: z.number().int(),
  byGroup: z.record(z.string(), z.number().int()),
  /** The note was deleted after votes were cast on it: its votes are kept and shown as such. */
  deleted: z.boolean(),
  /** The note's text as last known (for a deleted note: before it was deleted). */
  text: z.string(),
  /** The note's category as last known; absent in results written before it was kept. */
  category: CategoryId.nullable().optional(),
})
export type NoteResult = z.infer<typeof NoteResult>

export const RoundResults = z.object({
  /** Ranked: most votes first, then by note id for a stable order. */
  notes: z.array(NoteResult),
  /** How many identities of each group voted at least once. */
  votersByGroup: z.record(z.string(), z.number().int()),
  voters: z.number().int(),
  votesCast: z.number().int(),
})
export type RoundResults = z.infer<typeof RoundResults>

export const Round = RoundSettings.extend({
  /** The round ends when the workshop timer runs out, as the timer stands (roundEndsAt). */
  endsWithTimer: z.boolean().optional(),
  id: RoundId,
  status: z.enum(['open', 'closed']),
  revealed: z.boolean(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  /** Null while the caller may not see them (hidden and not revealed). */
  results: RoundResults.nullable(),
})
export type Round = z.infer<typeof Round>

export const VotingState = z.object({ rounds: z.array(Round) })
export type VotingState = z.infer<typeof VotingState>
export const EMPTY_VOTING: VotingState = { rounds: [] }

export const RoundsResponse = z.object({ rounds: z.array(Round) })
export type RoundsResponse = z.infer<typeof RoundsResponse>

export const CastVoteRequest = z.strictObject({
  noteId: z.string().startsWith('shape:').max(200),
  /** +1 puts a dot on the note, -1 takes one back. */
  delta: z.union([z.literal(1), z.literal(-1)]),
})
export type CastVoteRequest = z.infer<typeof CastVoteRequest>

export const MyVotes = z.object({
  roundId: RoundId,
  /** This identity's dots per note. */
  votes: z.record(z.string(), z.number().int()),
  remaining: z.number().int(),
})
export type MyVotes = z.infer<typeof MyVotes>

/** Why a vote was refused, for the person (translated by the client). */
export const VoteRefusal = z.enum([
  'round_closed',
  'round_unknown',
  'no_votes_left',
  'note_limit_reached',
  'note_not_in_round',
  'note_deleted',
  'no_vote_to_take_back',
  'participant_unknown',
])
export type VoteRefusal = z.infer<typeof VoteRefusal>

/** Why a round cannot be opened as asked (400 bad_request with this `reason`). */
export const OpenRoundRefusal = z.enum([
  /** The zone scope names no category zone of the board. */
  'zone_unknown',
  /** endsAt is not in the future (server time). */
  'ends_in_past',
])
export type OpenRoundRefusal = z.infer<typeof OpenRoundRefusal>

export const VoteRefusedBody = z.object({ error: z.literal('vote_refused'), reason: VoteRefusal, message: z.string() })

export { StakeholderGroup }

/** The voting state in a facilitation map; a missing or malformed value is no rounds at all. */
export function readVoting(map: { get(key: string): unknown }): VotingState {
  const parsed = VotingState.safeParse(map.get(VOTING_STATE_KEY) ?? EMPTY_VOTING)
  return parsed.success ? parsed.data : EMPTY_VOTING
}

/**
 * When `round` stops counting votes, given the workshop timer as it is now: its own endsAt, or
 * for a round that ends with the timer the timer's end while it runs. A paused timer does not end
 * it while paused, an idle (reset) one not at all. Null for no end.
 */
export function roundEndsAt(round: Round, timer: TimerState): number | null {
  if (!round.endsWithTimer) return round.endsAt
  return timer.status === 'running' ? timer.endsAt : null
}

/** Whether votes still count in `round` at server time `now` (open, and not past its end). */
export function isRoundOpen(round: Round, now: number, timer: TimerState): boolean {
  const end = roundEndsAt(round, timer)
  return round.status === 'open' && (end === null || now < end)
}

/**
 * The round as it stands at server time `now`: one past its end is closed (at its end), whether
 * or not the closure has been written yet. Everything that shows or counts rounds goes by this.
 */
export function closedIfEnded(round: Round, timer: TimerState, now: number): Round {
  if (round.status !== 'open' || isRoundOpen(round, now, timer)) return round
  return { ...round, status: 'closed', closedAt: roundEndsAt(round, timer) }
}

/** Whether everyone may see a round's results: it was never hidden, or it has been revealed. */
export function resultsVisible(round: Round): boolean {
  return !round.hiddenUntilReveal || round.revealed
}

/** The latest round whose results everyone may see: the one the exports show by default. */
export function latestVisibleRound(rounds: readonly Round[]): Round | null {
  return rounds.findLast((round) => round.results !== null) ?? null
}

/**
 * Whether a note is part of `round`: any note for the whole board, its category, or the zone it
 * lies in by the rule the snapshot names it with (shared/noteZones.ts). The server decides votes
 * by it; clients use it to offer vote controls.
 */
export function noteInRound(round: Round, note: PlacedShape, zones: NoteZones): boolean {
  if (note.type !== NOTE_SHAPE_TYPE) return false
  const scope = round.scope
  switch (scope.kind) {
    case 'board':
      return true
    case 'category':
      return (note.props as { category?: unknown } | undefined)?.category === scope.category
    case 'zone':
      return zones.zoneOf(note)?.id === scope.zoneId
  }
}
