import type { Board } from '../../shared/api.js'
import type { TokenHashes } from '../auth/tokens.js'

export interface StoredBoard {
  board: Board
  tokenHashes: TokenHashes
}

export interface StoredUpdates {
  /** Yjs updates in the order they were appended; applying all of them rebuilds the document. */
  updates: Uint8Array[]
  /** Sequence number of the last update, 0 when there is none. */
  lastSeq: number
}

export interface StoredSnapshot {
  /** JSON of a BoardSnapshot, as the server wrote it. */
  json: string
  /** Seq of the last update the snapshot includes: a log that went on past it means it is behind. */
  builtFromSeq: number
}

/**
 * Where boards and their Yjs update logs live. Implementations: SQLite (default, embedded),
 * in-memory (tests). Every implementation passes tests/server/storageContract.ts.
 *
 * Every method that takes a board id other than createBoard and getBoard rejects with
 * UnknownBoardError when no such board was created: reading an unknown board's log or snapshot
 * is a bug upstream (callers look the board up first), never an empty board.
 */
export interface BoardStorage {
  /** Stores a new board with its first document state. Fails if the id exists. */
  createBoard(stored: StoredBoard, initialUpdate: Uint8Array): Promise<void>
  getBoard(boardId: string): Promise<StoredBoard | null>
  /**
   * Appends updates to a board's log, all or none, in order; resolves once they are durable
   * (they survive a crash of the process). Returns the sequence number of the last one.
   */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number>
  loadUpdates(boardId: string): Promise<StoredUpdates>
  /**
   * Atomically replaces every update with seq <= throughSeq by `state` (which must contain them).
   * Updates appended after throughSeq are kept.
   */
  compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<void>
  /** Sequence number of the board's last stored update (0 when none); compaction keeps it. */
  lastSeq(boardId: string): Promise<number>
  /** Stores the board's latest snapshot, replacing the previous one. */
  saveSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void>
  /** The latest stored snapshot, or null if none was taken yet. */
  loadSnapshot(boardId: string): Promise<StoredSnapshot | null>
  /** Resolves when the store answers; rejects otherwise (used by the health check). */
  ping(): Promise<void>
  close(): Promise<void>
}

export class BoardExistsError extends Error {}

/** A board-scoped operation named a board that was never created. */
export class UnknownBoardError extends Error {
  constructor(readonly boardId: string) {
    super(`unknown board ${boardId}`)
    this.name = 'UnknownBoardError'
  }
}
