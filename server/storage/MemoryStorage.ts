import {
  BoardExistsError,
  type BoardStorage,
  type StoredBoard,
  type StoredSnapshot,
  type StoredUpdates,
  UnknownBoardError,
} from './BoardStorage.js'

interface MemoryBoard {
  stored: StoredBoard
  log: { seq: number; update: Uint8Array }[]
  snapshot: StoredSnapshot | null
}

/** In-memory storage for unit tests; same contract as SQLite, nothing survives the process. */
export class MemoryStorage implements BoardStorage {
  private readonly boards = new Map<string, MemoryBoard>()
  private closed = false

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
    this.boards.set(stored.board.id, {
      stored: structuredClone(stored),
      log: [{ seq: 1, update: initialUpdate.slice() }],
      snapshot: null,
    })
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

  async ping(): Promise<void> {
    this.assertOpen()
  }

  async close(): Promise<void> {
    this.closed = true
  }
}
