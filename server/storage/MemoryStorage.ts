import type { Participant } from '../../shared/facilitation.js'
import type {
  BoardAccess,
  BoardStorage,
  StoredBoard,
  StoredParticipant,
  StoredSnapshot,
  StoredUpdates,
  StoredVersion,
  StoredVote,
} from './BoardStorage.js'
import { BoardExistsError, JoinCodeTakenError, UnknownBoardError } from './BoardStorage.js'
import type { VersionSummary } from '../../shared/versions.js'
import { type PackedVersionContents, packVersionContents, unpackVersionContents } from './versionContents.js'

interface MemoryBoard {
  stored: StoredBoard
  log: { seq: number; update: Uint8Array }[]
  snapshot: StoredSnapshot | null
  /** By secret hash. */
  participants: Map<string, StoredParticipant>
  /** Keyed by round, participant and note. */
  votes: Map<string, StoredVote>
  /** By version id; compressed as SQLite keeps them. */
  versions: Map<string, VersionSummary & { packed: PackedVersionContents }>
}

/** In-memory storage for unit tests; same contract as SQLite, nothing survives the process. */
export class MemoryStorage implements BoardStorage {
  private readonly boards = new Map<string, MemoryBoard>()
  private closed = false
  /** Participant ids of every board: unique across boards, as in SQLite. */
  private readonly participantIds = new Set<string>()

  private boardOrThrow(boardId: string): MemoryBoard {
    this.assertOpen()
    const board = this.boards.get(boardId)
    if (!board) throw new UnknownBoardError(boardId)
    return board
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('storage is closed')
  }

  async createBoard(stored: StoredBoard, initialUpdate: Uint8Array): Promise<void> {
    this.assertOpen()
    if (this.boards.has(stored.board.id)) throw new BoardExistsError(`board ${stored.board.id} exists`)
    this.assertJoinCodeFree(stored.board.id, stored.joinCodeHash)
    this.boards.set(stored.board.id, {
      stored: structuredClone(stored),
      log: [{ seq: 1, update: initialUpdate.slice() }],
      snapshot: null,
      participants: new Map(),
      votes: new Map(),
      versions: new Map(),
    })
  }

  private assertJoinCodeFree(boardId: string, joinCodeHash: string | null): void {
    if (joinCodeHash === null) return
    for (const [id, board] of this.boards) {
      if (id !== boardId && board.stored.joinCodeHash === joinCodeHash) throw new JoinCodeTakenError()
    }
  }

  async updateBoardAccess(boardId: string, access: BoardAccess): Promise<void> {
    const board = this.boardOrThrow(boardId)
    this.assertJoinCodeFree(boardId, access.joinCodeHash)
    const { tokenHashes, joinCodeHash, sealedLinks, retiredHashes } = structuredClone(access)
    board.stored = {
      board: board.stored.board,
      tokenHashes,
      joinCodeHash,
      sealedLinks,
      ...(retiredHashes?.length ? { retiredHashes } : {}),
    }
  }

  async findBoardByJoinCode(joinCodeHash: string): Promise<StoredBoard | null> {
    this.assertOpen()
    for (const board of this.boards.values()) {
      if (board.stored.joinCodeHash === joinCodeHash) return structuredClone(board.stored)
    }
    return null
  }

  async createParticipant(boardId: string, stored: StoredParticipant): Promise<void> {
    const board = this.boardOrThrow(boardId)
    const taken =
      this.participantIds.has(stored.participant.id) ||
      [...this.boards.values()].some((other) => other.participants.has(stored.secretHash))
    if (taken) throw new Error(`participant ${stored.participant.id} or its secret exists`)
    this.participantIds.add(stored.participant.id)
    board.participants.set(stored.secretHash, structuredClone(stored))
  }

  async countParticipants(boardId: string): Promise<number> {
    return this.boards.get(boardId)?.participants.size ?? 0
  }

  async findParticipant(boardId: string, secretHash: string): Promise<Participant | null> {
    const found = this.boardOrThrow(boardId).participants.get(secretHash)
    return found ? { ...found.participant } : null
  }

  async updateParticipant(boardId: string, participant: Participant): Promise<boolean> {
    for (const stored of this.boardOrThrow(boardId).participants.values()) {
      if (stored.participant.id !== participant.id) continue
      stored.participant = { ...participant }
      return true
    }
    return false
  }

  async loadVotes(boardId: string): Promise<StoredVote[]> {
    return [...this.boardOrThrow(boardId).votes.values()].map((vote) => ({ ...vote }))
  }

  async saveVote(boardId: string, vote: StoredVote): Promise<void> {
    const votes = this.boardOrThrow(boardId).votes
    const key = JSON.stringify([vote.roundId, vote.participantId, vote.noteId])
    if (vote.count > 0) votes.set(key, { ...vote })
    else votes.delete(key)
  }

  async getBoard(boardId: string): Promise<StoredBoard | null> {
    this.assertOpen()
    const board = this.boards.get(boardId)
    return board ? structuredClone(board.stored) : null
  }

  async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    const board = this.boardOrThrow(boardId)
    let seq = board.log.at(-1)?.seq ?? 0
    // Copy the whole batch before touching the log: all or none, as the contract says.
    const entries = updates.map((update) => ({ seq: ++seq, update: update.slice() }))
    board.log.push(...entries)
    return seq
  }

  async loadUpdates(boardId: string): Promise<StoredUpdates> {
    const board = this.boardOrThrow(boardId)
    return { updates: board.log.map((entry) => entry.update.slice()), lastSeq: board.log.at(-1)?.seq ?? 0 }
  }

  async compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    const board = this.boardOrThrow(boardId)
    const kept = board.log.filter((entry) => entry.seq > throughSeq)
    board.log = [{ seq: throughSeq, update: state.slice() }, ...kept]
  }

  async lastSeq(boardId: string): Promise<number> {
    return this.boardOrThrow(boardId).log.at(-1)?.seq ?? 0
  }

  async saveSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void> {
    this.boardOrThrow(boardId).snapshot = { ...snapshot }
  }

  async loadSnapshot(boardId: string): Promise<StoredSnapshot | null> {
    const { snapshot } = this.boardOrThrow(boardId)
    return snapshot ? { ...snapshot } : null
  }

  async saveVersion(boardId: string, version: StoredVersion): Promise<void> {
    const board = this.boardOrThrow(boardId)
    const { state, snapshotJson, ...summary } = version
    const packed = await packVersionContents(state, snapshotJson)
    // Version ids are unique across boards, as in SQLite (checked after the await, just before the write).
    if ([...this.boards.values()].some((other) => other.versions.has(version.id))) {
      throw new Error(`version ${version.id} exists`)
    }
    board.versions.set(version.id, { ...summary, packed })
  }

  async listVersions(boardId: string): Promise<VersionSummary[]> {
    return [...this.boardOrThrow(boardId).versions.values()]
      .map(({ packed: _packed, ...summary }) => summary)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
  }

  async loadVersion(boardId: string, versionId: string): Promise<StoredVersion | null> {
    const version = this.boardOrThrow(boardId).versions.get(versionId)
    if (!version) return null
    const { packed, ...summary } = version
    return { ...summary, ...(await unpackVersionContents(packed)) }
  }

  async deleteVersions(boardId: string, versionIds: readonly string[]): Promise<void> {
    const versions = this.boardOrThrow(boardId).versions
    for (const id of versionIds) versions.delete(id)
  }

  async ping(): Promise<void> {
    this.assertOpen()
  }

  async close(): Promise<void> {
    this.closed = true
  }
}
