import type { Board } from '../../shared/api.js'
import type { Participant } from '../../shared/facilitation.js'
import type { VersionSummary } from '../../shared/versions.js'
import type { TokenHashes } from '../auth/tokens.js'

/** What opens a board, replaced as a whole when a link is rotated. */
export interface BoardAccess {
  tokenHashes: TokenHashes
  /** SHA-256 of the join code (opens the edit role); null for boards made before join codes. */
  joinCodeHash: string | null
  /** The edit and view tokens and join code, sealed for facilitators (server/auth/sealedLinks.ts); null before. */
  sealedLinks: string | null
  /**
   * SHA-256 of tokens and join codes that opened the board until a rotation replaced them (newest
   * last, the latest few): they open nothing, but a device using one is told its link was
   * replaced. Absent or empty until a link is rotated.
   */
  retiredHashes?: readonly string[]
}

export interface StoredBoard extends BoardAccess {
  board: Board
}

/** A person registered on one board; the device keeps the secret, the server only its hash. */
export interface StoredParticipant {
  participant: Participant
  secretHash: string
}

/** Updates for one board's log, as appendUpdates takes them. */
export interface BoardAppend {
  boardId: string
  updates: readonly Uint8Array[]
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
  /**
   * Stores a new board with its first document state. Fails with BoardExistsError if the id
   * exists, with JoinCodeTakenError if another board has its join code hash.
   */
  createBoard(stored: StoredBoard, initialUpdate: Uint8Array): Promise<void>
  getBoard(boardId: string): Promise<StoredBoard | null>
  /**
   * Appends updates to a board's log, all or none, in order; resolves once they are durable
   * (they survive a crash of the process). Returns the sequence number of the last one.
   */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number>
  /**
   * Optional: appendUpdates for several boards in one durable commit (server/rooms/GroupCommit.ts
   * falls back to one appendUpdates each). Each board's updates go in all or none; an unknown
   * board is refused on its own (its outcome rejects with UnknownBoardError); any other failure
   * rejects the whole call, storing nothing.
   */
  appendBatch?(appends: readonly BoardAppend[]): Promise<PromiseSettledResult<number>[]>
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
  /**
   * Replaces what opens the board (token hashes, join code hash, sealed links) in one write, so
   * an old token stops working the moment this resolves. Rejects with JoinCodeTakenError when
   * another board has that join code hash, leaving the board as it was.
   */
  updateBoardAccess(boardId: string, access: BoardAccess): Promise<void>
  /** The board whose join code hashes to `joinCodeHash`, or null. */
  findBoardByJoinCode(joinCodeHash: string): Promise<StoredBoard | null>
  /** Registers a participant of a board. Fails if the participant id or secret hash exists. */
  createParticipant(boardId: string, stored: StoredParticipant): Promise<void>
  /** How many participants the board has registered (0 for an unknown board). */
  countParticipants(boardId: string): Promise<number>
  /** The board's participant whose secret hashes to `secretHash`; null when none (also another board's). */
  findParticipant(boardId: string, secretHash: string): Promise<Participant | null>
  /** Replaces name and group of the board's participant with this id; false when it has none. */
  updateParticipant(boardId: string, participant: Participant): Promise<boolean>
  /** Every vote of the board's rounds (server/voting/VotingService.ts): never part of the document. */
  loadVotes(boardId: string): Promise<StoredVote[]>
  /** Stores one identity's count of dots on one note in one round; 0 removes it. Durable on resolve. */
  saveVote(boardId: string, vote: StoredVote): Promise<void>
  /** Stores a version of the board (server/versions/VersionService.ts). Fails if its id exists. */
  saveVersion(boardId: string, version: StoredVersion): Promise<void>
  /** The board's versions without their contents, newest first (by createdAt, then id). */
  listVersions(boardId: string): Promise<VersionSummary[]>
  /** One version of this board with its contents; null when the board has none by that id. */
  loadVersion(boardId: string, versionId: string): Promise<StoredVersion | null>
  /** Deletes these versions of the board (ids of other boards' versions are ignored). */
  deleteVersions(boardId: string, versionIds: readonly string[]): Promise<void>
  /** Resolves when the store answers; rejects otherwise (used by the health check). */
  ping(): Promise<void>
  close(): Promise<void>
}

/** One identity's dots on one note in one round, with the stakeholder group it voted as. */
export interface StoredVote {
  roundId: string
  participantId: string
  noteId: string
  group: string
  count: number
}

/** A version as stored: its summary, the Yjs state (encodeStateAsUpdate) and its BoardSnapshot JSON. */
export interface StoredVersion extends VersionSummary {
  state: Uint8Array
  snapshotJson: string
}

export class BoardExistsError extends Error {}

/** Join codes are unique across boards: the caller draws another code and tries again. */
export class JoinCodeTakenError extends Error {
  constructor() {
    super('another board has this join code')
    this.name = 'JoinCodeTakenError'
  }
}

/** A board-scoped operation named a board that was never created. */
export class UnknownBoardError extends Error {
  constructor(readonly boardId: string) {
    super(`unknown board ${boardId}`)
    this.name = 'UnknownBoardError'
  }
}
