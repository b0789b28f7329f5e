/**
 * The boards this device has opened, with what the server said about them (title, language, the
 * link's role) the last time it could ask: the home page lists them, and a board opens from them
 * when the server cannot be reached. "Forget this board" removes every trace of one from the
 * device: this entry, its token, participant identity, share links and its IndexedDB copy.
 */
import { z } from 'zod'
import { Board, Role } from '../../shared/api.js'
import type { GetBoardResult } from '../api.js'
import { forgetBoardToken } from '../share/boardTokens.js'
import { forgetShareLinks } from '../share/shareLinks.js'
import { forgetIdentity } from '../user/participantIdentity.js'
import { deleteLocalCopy } from './localCopyDatabase.js'

const STORAGE_KEY = 'tilannekuva.boards'
/** Enough for a person's boards; the oldest opened drop off the list (their copies stay until forgotten). */
const MAX_REMEMBERED = 50

export const BoardOnDevice = z.object({ board: Board, role: Role, openedAt: z.number() })
export type BoardOnDevice = z.infer<typeof BoardOnDevice>

const listeners = new Set<() => void>()

function read(): BoardOnDevice[] {
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]'))
    if (!parsed.success) return []
    // One bad entry (an older client's, a hand edit) costs only itself.
    return parsed.data.flatMap((entry) => {
      const one = BoardOnDevice.safeParse(entry)
      return one.success ? [one.data] : []
    })
  } catch {
    return []
  }
}

function write(boards: readonly BoardOnDevice[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(boards))
  } catch {
    // Without storage nothing is remembered: the board opens online only.
  }
  for (const listener of listeners) listener()
}

/** The boards on this device, the most recently opened first. */
export function boardsOnDevice(): BoardOnDevice[] {
  return read().sort((a, b) => b.openedAt - a.openedAt)
}

/** What the server last said about the board, or null if this device never opened it. */
export function boardOnDevice(boardId: string): BoardOnDevice | null {
  return read().find((entry) => entry.board.id === boardId) ?? null
}

/** Called each time the server lets this device open the board. */
export function rememberOpenedBoard(board: Board, role: Role, now = Date.now()): void {
  const others = read().filter((entry) => entry.board.id !== board.id)
  write([{ board, role, openedAt: now }, ...others].slice(0, MAX_REMEMBERED))
}

/** Removes everything this device keeps of the board. */
export async function forgetBoard(boardId: string): Promise<void> {
  write(read().filter((entry) => entry.board.id !== boardId))
  forgetBoardToken(boardId)
  forgetIdentity(boardId)
  forgetShareLinks(boardId)
  await deleteLocalCopy(boardId)
}

export function subscribeBoardsOnDevice(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The server's answer, or, when the server could not be reached, what it said last time on this
 * device (the board then opens from its copy here, and syncs once the server is back).
 */
export function openableFromDevice(boardId: string, fetched: GetBoardResult): GetBoardResult {
  if (fetched.ok || (fetched.reason !== 'network' && fetched.reason !== 'server')) return fetched
  const kept = boardOnDevice(boardId)
  return kept ? { ok: true, board: kept.board, role: kept.role } : fetched
}
