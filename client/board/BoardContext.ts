import { createContext, useContext } from 'react'
import type { Signal, TLStore } from 'tldraw'
import type { Board, Role } from '../../shared/api.js'
import type { BoardConnection } from '../sync/boardConnection.js'

export interface BoardContextValue {
  board: Board
  role: Role
  connection: BoardConnection
  store: TLStore
  schemaTooNew: Signal<boolean>
  /** Open the share panel at once (the facilitator has just created the board). */
  openShareInitially: boolean
}

/** What panels rendered inside tldraw's UI need to know about the board. */
export const BoardContext = createContext<BoardContextValue | null>(null)

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext outside a board')
  return value
}
