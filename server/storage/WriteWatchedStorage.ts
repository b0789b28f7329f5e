import type { Participant } from '../../shared/facilitation.js'
import {
  type BoardAccess,
  type BoardAppend,
  BoardExistsError,
  type BoardStorage,
  JoinCodeTakenError,
  type StoredBoard,
  type StoredParticipant,
  type StoredVote,
  type StoredSnapshot,
  type StoredUpdates,
  type StoredVersion,
  UnknownBoardError,
} from './BoardStorage.js'
import type { VersionSummary } from '../../shared/versions.js'

/**
 * A storage that notices when writes fail: `writesFailing` is set by a failed write (append,
 * compaction, board creation, snapshot, access and participant changes) and cleared by the next one that succeeds (BoardLog
 * retries its appends, so a freed disk clears it by itself). Reads pass straight through.
 * Health answers 503 and new sync connections are refused while writes fail, so a full disk is
 * visible instead of edits silently piling up in memory.
 */
export class WriteWatchedStorage implements BoardStorage {
  private lastWriteError: unknown = null
  private readonly listeners: Array<(failing: boolean) => void> = []

  readonly appendBatch?: (appends: readonly BoardAppend[]) => Promise<PromiseSettledResult<number>[]>

  constructor(private readonly inner: BoardStorage) {
    // Offered only when the inner storage has it: callers fall back to appendUpdates otherwise.
    const appendBatch = inner.appendBatch?.bind(inner)
    if (appendBatch) this.appendBatch = (appends) => this.write(() => appendBatch(appends))
  }

  /** Calls `listener` when writes start failing (true) and when they work again (false). */
  onWritesFailingChange(listener: (failing: boolean) => void): () => void {
    this.listeners.push(listener)
    return () => {
      const index = this.listeners.indexOf(listener)
      if (index >= 0) this.listeners.splice(index, 1)
    }
  }

  private setWriteError(error: unknown): void {
    const wasFailing = this.writesFailing
    this.lastWriteError = error
    if (wasFailing !== this.writesFailing) for (const listener of [...this.listeners]) listener(this.writesFailing)
  }

  /** True from a failed write until the next successful one. */
  get writesFailing(): boolean {
    return this.lastWriteError !== null
  }

  /** The error of the failed write, while writes fail. */
  get writeError(): unknown {
    return this.lastWriteError
  }

  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run()
      if (this.lastWriteError !== null) this.setWriteError(null)
      return result
    } catch (error) {
      // A refused write (taken id or join code, unknown board) says nothing about the disk.
      const refused =
        error instanceof BoardExistsError || error instanceof JoinCodeTakenError || error instanceof UnknownBoardError
      if (!refused) this.setWriteError(error)
      throw error
    }
  }

  createBoard(stored: StoredBoard, initialUpdate: Uint8Array): Promise<void> {
    return this.write(() => this.inner.createBoard(stored, initialUpdate))
  }
  getBoard(boardId: string): Promise<StoredBoard | null> {
    return this.inner.getBoard(boardId)
  }
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.write(() => this.inner.appendUpdates(boardId, updates))
  }
  loadUpdates(boardId: string): Promise<StoredUpdates> {
    return this.inner.loadUpdates(boardId)
  }
  compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    return this.write(() => this.inner.compact(boardId, state, throughSeq))
  }
  lastSeq(boardId: string): Promise<number> {
    return this.inner.lastSeq(boardId)
  }
  saveSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void> {
    return this.write(() => this.inner.saveSnapshot(boardId, snapshot))
  }
  loadSnapshot(boardId: string): Promise<StoredSnapshot | null> {
    return this.inner.loadSnapshot(boardId)
  }
  updateBoardAccess(boardId: string, access: BoardAccess): Promise<void> {
    return this.write(() => this.inner.updateBoardAccess(boardId, access))
  }
  findBoardByJoinCode(joinCodeHash: string): Promise<StoredBoard | null> {
    return this.inner.findBoardByJoinCode(joinCodeHash)
  }
  createParticipant(boardId: string, stored: StoredParticipant): Promise<void> {
    return this.write(() => this.inner.createParticipant(boardId, stored))
  }
  countParticipants(boardId: string): Promise<number> {
    return this.inner.countParticipants(boardId)
  }
  findParticipant(boardId: string, secretHash: string): Promise<Participant | null> {
    return this.inner.findParticipant(boardId, secretHash)
  }
  updateParticipant(boardId: string, participant: Participant): Promise<boolean> {
    return this.write(() => this.inner.updateParticipant(boardId, participant))
  }
  loadVotes(boardId: string): Promise<StoredVote[]> {
    return this.inner.loadVotes(boardId)
  }
  saveVote(boardId: string, vote: StoredVote): Promise<void> {
    return this.write(() => this.inner.saveVote(boardId, vote))
  }
  saveVersion(boardId: string, version: StoredVersion): Promise<void> {
    return this.write(() => this.inner.saveVersion(boardId, version))
  }
  listVersions(boardId: string): Promise<VersionSummary[]> {
    return this.inner.listVersions(boardId)
  }
  loadVersion(boardId: string, versionId: string): Promise<StoredVersion | null> {
    return this.inner.loadVersion(boardId, versionId)
  }
  deleteVersions(boardId: string, versionIds: readonly string[]): Promise<void> {
    return this.write(() => this.inner.deleteVersions(boardId, versionIds))
  }
  ping(): Promise<void> {
    return this.inner.ping()
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}
