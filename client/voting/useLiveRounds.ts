import { useEffect, useState } from 'react'
import type { Round } from '../../shared/voting.js'
import { pollWhileMounted } from '../ui/pollWhileMounted.js'
import { fetchRounds } from './votingApi.js'

/** How often the facilitator's panel asks for the live count while a round is open. */
export const LIVE_ROUNDS_POLL_MS = 2000

export type LiveRounds = { status: 'loading' } | { status: 'ready'; rounds: Round[] } | { status: 'failed' }

/**
 * The rounds with every count, as the server gives them to a facilitator (hidden ones too),
 * asked every few seconds while the calling component is mounted. Requests never overlap.
 */
export function useLiveRounds(boardId: string, token: string): LiveRounds {
  const [state, setState] = useState<LiveRounds>({ status: 'loading' })
  useEffect(
    () =>
      pollWhileMounted(
        () => fetchRounds(boardId, token),
        (result) => setState(result.ok ? { status: 'ready', rounds: result.data.rounds } : { status: 'failed' }),
        LIVE_ROUNDS_POLL_MS,
      ),
    [boardId, token],
  )
  return state
}
