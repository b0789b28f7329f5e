import { createContext, useContext } from 'react'
import type { Atom, Signal, TLStore } from 'tldraw'
import type { Board, Role } from '../../shared/api.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import type { ParticipantIdentity } from '../user/participantIdentity.js'

export interface BoardContextValue {
  board: Board
  role: Role
  /** The capability token this page was opened with (API calls send it as a Bearer token). */
  token: string
  connection: BoardConnection
  /** Who this device is on the board (participant id and secret), if the server gave an identity. */
  identity: ParticipantIdentity | null
  store: TLStore
  schemaTooNew: Signal<boolean>
  /** Open the share panel at once (the facilitator has just created the board). */
  openShareInitially: boolean
  /** Whether the list view is shown beside the canvas. */
  listOpen: Atom<boolean>
}

/** What panels rendered inside tldraw's UI need to know about the board. */
export const BoardContext = createContext<BoardContextValue | null>(null)

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext outside a board')
  return value
}
