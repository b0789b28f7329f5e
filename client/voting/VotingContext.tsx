import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react'
import { useBoardContext } from '../board/BoardContext.js'
import { VotingSession } from './VotingSession.js'

const VotingContext = createContext<VotingSession | null>(null)

/** Gives the board's panels, list and note cards one voting session, for as long as the board is open. */
export function VotingProvider({ children }: { children: ReactNode }) {
  const { board, token, role, connection, store, identity } = useBoardContext()
  const secret = identity?.secret ?? null
  // Created once per connection; a new identity only changes the secret it votes with.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the secret is handed over below, not a reason for a new session
  const session = useMemo(
    () => new VotingSession({ boardId: board.id, token, role, doc: connection.doc, store, secret }),
    [board.id, token, role, connection, store],
  )
  useEffect(() => session.start(), [session])
  useEffect(() => session.setSecret(secret), [session, secret])
  return <VotingContext.Provider value={session}>{children}</VotingContext.Provider>
}

/**
 * The board's voting session, or null outside a board (a shape rendered for an image export, a
 * test's editor): voting then shows nothing.
 */
export function useVotingSession(): VotingSession | null {
  return useContext(VotingContext)
}
