import { BoardExistsError, type BoardStorage, JoinCodeTakenError, UnknownBoardError } from './BoardStorage.js'

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

  readonly appendBatch?: BoardStorage['appendBatch']

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

  // Each member takes its signature from BoardStorage: writes go through `write`, reads straight through.
  readonly createBoard: BoardStorage['createBoard'] = (stored, initialUpdate) =>
    this.write(() => this.inner.createBoard(stored, initialUpdate))
  readonly getBoard: BoardStorage['getBoard'] = (boardId) => this.inner.getBoard(boardId)
  readonly appendUpdates: BoardStorage['appendUpdates'] = (boardId, updates) =>
    this.write(() => this.inner.appendUpdates(boardId, updates))
  readonly loadUpdates: BoardStorage['loadUpdates'] = (boardId) => this.inner.loadUpdates(boardId)
  readonly compact: BoardStorage['compact'] = (boardId, state, throughSeq) =>
    this.write(() => this.inner.compact(boardId, state, throughSeq))
  readonly lastSeq: BoardStorage['lastSeq'] = (boardId) => this.inner.lastSeq(boardId)
  readonly saveSnapshot: BoardStorage['saveSnapshot'] = (boardId, snapshot) =>
    this.write(() => this.inner.saveSnapshot(boardId, snapshot))
  readonly loadSnapshot: BoardStorage['loadSnapshot'] = (boardId) => this.inner.loadSnapshot(boardId)
  readonly updateBoardAccess: BoardStorage['updateBoardAccess'] = (boardId, access) =>
    this.write(() => this.inner.updateBoardAccess(boardId, access))
  readonly findBoardByJoinCode: BoardStorage['findBoardByJoinCode'] = (joinCodeHash) =>
    this.inner.findBoardByJoinCode(joinCodeHash)
  readonly createParticipant: BoardStorage['createParticipant'] = (boardId, stored) =>
    this.write(() => this.inner.createParticipant(boardId, stored))
  readonly countParticipants: BoardStorage['countParticipants'] = (boardId) => this.inner.countParticipants(boardId)
  readonly findParticipant: BoardStorage['findParticipant'] = (boardId, secretHash) =>
    this.inner.findParticipant(boardId, secretHash)
  readonly updateParticipant: BoardStorage['updateParticipant'] = (boardId, participant) =>
    this.write(() => this.inner.updateParticipant(boardId, participant))
  readonly loadVotes: BoardStorage['loadVotes'] = (boardId) => this.inner.loadVotes(boardId)
  readonly saveVote: BoardStorage['saveVote'] = (boardId, vote) => this.write(() => this.inner.saveVote(boardId, vote))
  readonly saveVersion: BoardStorage['saveVersion'] = (boardId, version) =>
    this.write(() => this.inner.saveVersion(boardId, version))
  readonly listVersions: BoardStorage['listVersions'] = (boardId) => this.inner.listVersions(boardId)
  readonly loadVersion: BoardStorage['loadVersion'] = (boardId, versionId) => this.inner.loadVersion(boardId, versionId)
  readonly deleteVersions: BoardStorage['deleteVersions'] = (boardId, versionIds) =>
    this.write(() => this.inner.deleteVersions(boardId, versionIds))
  readonly ping: BoardStorage['ping'] = () => this.inner.ping()
  readonly close: BoardStorage['close'] = () => this.inner.close()
}
