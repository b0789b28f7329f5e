/**
 * Dot voting as everyone reads it: the rounds the server writes into the document's facilitation
 * map (shared/voting.ts), and the rules a client applies to them (which round is open, which
 * notes it covers, which round the note cards show). The server decides every vote; these only
 * say what to offer.
 */
import type { TimerState } from '../../shared/facilitation.js'
import {
  isRoundOpen,
  type Round,
  readVoting,
  roundEndsAt,
  VOTING_STATE_KEY,
  type VotingState,
} from '../../shared/voting.js'
import { facilitationMapSignal } from '../facilitation/facilitationState.js'

export { isRoundOpen, noteInRound, readVoting, roundEndsAt } from '../../shared/voting.js'

/** A signal of the rounds in `doc`, updated whenever the server rewrites them (one per document). */
export const votingSignal = facilitationMapSignal('voting', readVoting, VOTING_STATE_KEY)

/** The round people vote in now: the latest open one that has not run out, or null. */
export function activeRound(state: VotingState, now: number, timer: TimerState): Round | null {
  for (let index = state.rounds.length - 1; index >= 0; index--) {
    const round = state.rounds[index]!
    if (isRoundOpen(round, now, timer)) return round
  }
  return null
}

/** The round the note cards show: the latest one (a new round replaces the last one's dots). */
export function currentRound(state: VotingState): Round | null {
  return state.rounds.at(-1) ?? null
}

/**
 * The next moment after `now` at which a round runs out by the workshop timer as it is (a round
 * that ends with the timer follows it), for re-checking then; null for none.
 */
export function nextRoundEnd(state: VotingState, now: number, timer: TimerState): number | null {
  let next: number | null = null
  for (const round of state.rounds) {
    const end = round.status === 'open' ? roundEndsAt(round, timer) : null
    if (end !== null && end > now) next = next === null ? end : Math.min(next, end)
  }
  return next
}

/** Places in a ranking, ties sharing one (1, 2, 2, 4), from totals ranked most first. */
export function ranks(totals: readonly number[]): number[] {
  const places: number[] = []
  for (const [index, total] of totals.entries()) {
    places.push(index > 0 && totals[index - 1] === total ? places[index - 1]! : index + 1)
  }
  return places
}
