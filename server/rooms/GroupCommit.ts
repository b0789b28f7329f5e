import type { BoardAppend, BoardStorage } from '../storage/BoardStorage.js'

interface Request {
  boardId: string
  take: () => Uint8Array
  resolve: (seq: number) => void
  reject: (error: unknown) => void
}

/**
 * Every board's appends of one event-loop turn in one storage commit (BoardStorage.appendBatch,
 * else one appendUpdates per board): with hundreds of busy boards the server commits once a turn
 * instead of once per board. Each board's append still resolves only once it is durable, so
 * a board relays only what is stored.
 */
export class GroupCommit {
  private static readonly byStorage = new WeakMap<BoardStorage, GroupCommit>()

  /** The one group commit of `storage`, shared by all its boards. */
  static of(storage: BoardStorage): GroupCommit {
    let groupCommit = GroupCommit.byStorage.get(storage)
    if (!groupCommit) {
      groupCommit = new GroupCommit(storage)
      GroupCommit.byStorage.set(storage, groupCommit)
    }
    return groupCommit
  }

  private queue: Request[] = []

  private constructor(private readonly storage: BoardStorage) {}

  /**
   * Calls `take` once this turn's frames are read (so a board can merge all of its turn into
   * one update) and stores what it returns; resolves with its seq once durable.
   */
  append(boardId: string, take: () => Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ boardId, take, resolve, reject })
      if (this.queue.length === 1) setImmediate(this.commit)
    })
  }

  private readonly commit = (): void => {
    const requests: Request[] = []
    const appends: BoardAppend[] = []
    for (const request of this.queue.splice(0)) {
      try {
        appends.push({ boardId: request.boardId, updates: [request.take()] })
        requests.push(request)
      } catch (error) {
        request.reject(error)
      }
    }
    if (!this.storage.appendBatch) {
      for (const [i, { boardId, updates }] of appends.entries()) {
        this.storage.appendUpdates(boardId, updates).then(requests[i]!.resolve, requests[i]!.reject)
      }
      return
    }
    this.storage.appendBatch(appends).then(
      (outcomes) => {
        for (const [i, outcome] of outcomes.entries()) {
          if (outcome.status === 'fulfilled') requests[i]!.resolve(outcome.value)
          else requests[i]!.reject(outcome.reason)
        }
      },
      (error: unknown) => {
        for (const request of requests) request.reject(error)
      },
    )
  }
}
