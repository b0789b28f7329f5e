import { useEffect, useState } from 'react'
import type { PeopleResponse } from '../../shared/facilitation.js'
import { fetchPeople } from '../api.js'
import { pollWhileMounted } from '../ui/pollWhileMounted.js'

/** How often an open People panel asks again. */
export const PEOPLE_POLL_MS = 3000

export type PeopleState =
  | { status: 'loading' }
  | { status: 'ready'; people: PeopleResponse }
  /** The facilitator keeps the list to themselves (403). */
  | { status: 'hidden' }
  | { status: 'failed'; last: PeopleResponse | null }

/**
 * Who is on the board, asked of the server every few seconds while the calling component is
 * mounted (the panel is open) and never after. Requests never overlap.
 */
export function usePeople(boardId: string, token: string, participant: string | null): PeopleState {
  const [state, setState] = useState<PeopleState>({ status: 'loading' })
  useEffect(() => {
    let last: PeopleResponse | null = null
    return pollWhileMounted(
      () => fetchPeople(boardId, token, participant),
      (result) => {
        if (result.ok) {
          last = result.data
          setState({ status: 'ready', people: result.data })
        } else if (result.reason === 'forbidden') {
          setState({ status: 'hidden' })
        } else {
          setState({ status: 'failed', last })
        }
      },
      PEOPLE_POLL_MS,
    )
  }, [boardId, token, participant])
  return state
}
