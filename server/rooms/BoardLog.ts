import * as Y from 'yjs'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { GroupCommit } from './GroupCommit.js'
import type { Logger, RoomConnection } from './types.js'

export interface BoardLogOptions {
  boardId: string
  storage: BoardStorage
  logger: Logger
  /** Compact the stored log once this many updates were appended since the last compaction. */
  compactAfterUpdates: number
  /**
   * The document's whole state. Compaction folds the stored log into it, so it must contain
   * every update appended so far (the room applies an update before appending it).
   */
  encodeState: () => Uint8Array
}

/** What one durable append held: the updates of one event-loop turn, merged. */
export interface StoredBatch {
  update: Uint8Array
  seq: number
  /** The connection that sent it when the batch is a single client update, else null. */
  sender: RoomConnection | null
}

interface PendingUpdate {
  update: Uint8Array
  sender: RoomConnection | null
}

const RETRY_DELAYS_MS = [100, 500, 2_000, 5_000]

/**
 * A board's persistence: the updates a room accepted, appended to storage in the order they
 * arrived, and announced (`onStored`) only once durable, so whatever is broadcast from there is
 * on disk. Updates of one event-loop turn go in one merged append, committed together with the
 * other boards' appends of that turn (GroupCommit); a failed append is retried with back-off for
 * as long as it takes, never dropped. Compaction replaces the log with the state once the log has
 * grown enough, deleting only the entries that state contains.
 */
export class BoardLog {
  private pending: PendingUpdate[] = []
  private flushing: Promise<void> | null = null
  private lastStoredSeq: number
  private updatesSinceCompaction: number
  /** Bytes appended since the last compaction, and the size of the state it wrote. */
  private bytesSinceCompaction: number
  private compactedStateBytes: number
  /**
   * The size of the document's state when it was last encoded (by compaction or `measureState`),
   * and the bytes appended since: their sum bounds the state's size from above without encoding
   * it. Loaded from a log, the basis is the log's size, itself such a bound.
   */
  private measuredStateBytes: number
  private bytesSinceMeasured = 0
  private lastMeasuredAt = Number.NEGATIVE_INFINITY
  private lastMeasureMs = 0
  private compacting: Promise<void> | null = null
  private closed = false
  private readonly listeners: Array<(batch: StoredBatch) => void> = []
  private readonly groupCommit: GroupCommit

  /** `stored` and `lastSeq` are the log the document was loaded from. */
  constructor(
    private readonly options: BoardLogOptions,
    stored: readonly Uint8Array[],
    lastSeq: number,
  ) {
    this.groupCommit = GroupCommit.of(options.storage)
    this.lastStoredSeq = lastSeq
    this.updatesSinceCompaction = stored.length > 1 ? stored.length : 0
    this.compactedStateBytes = stored[0]?.byteLength ?? 0
    this.bytesSinceCompaction = stored.slice(1).reduce((total, update) => total + update.byteLength, 0)
    this.measuredStateBytes = this.compactedStateBytes + this.bytesSinceCompaction
    if (this.isDueForCompaction()) this.scheduleCompaction()
  }

  /** Seq of the last update known to be durable. */
  get storedSeq(): number {
    return this.lastStoredSeq
  }

  /**
   * Calls `listener` after each durable append, in order; returns the unsubscribe. Listeners run
   * synchronously and must not throw.
   */
  onStored(listener: (batch: StoredBatch) => void): () => void {
    this.listeners.push(listener)
    return () => {
      const index = this.listeners.indexOf(listener)
      if (index >= 0) this.listeners.splice(index, 1)
    }
  }

  /** Queues an update already applied to the document; it is appended in this turn's batch. */
  append(update: Uint8Array, sender: RoomConnection | null): void {
    if (this.closed) throw new Error(`log of ${this.options.boardId} is closed`)
    this.bytesSinceMeasured += update.byteLength
    this.pending.push({ update, sender })
    this.flushing ??= this.flushPending()
  }

  private async flushPending(): Promise<void> {
    let attempt = 0
    while (this.pending.length > 0) {
      let batch: PendingUpdate[] = []
      let merged: Uint8Array = new Uint8Array()
      try {
        // Taken at the end of this turn of the event loop, so every frame read in it joins the
        // batch: under load a batch grows by itself, and the room sends once per batch. The
        // commit is shared with the other boards' batches of the turn (GroupCommit).
        this.lastStoredSeq = await this.groupCommit.append(this.options.boardId, () => {
          batch = this.pending
          this.pending = []
          merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((entry) => entry.update))
          return merged
        })
        attempt = 0
      } catch (error) {
        // Keep the updates (they are in the document already) and try again; never drop them.
        this.pending = batch.concat(this.pending)
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!
        attempt++
        this.options.logger.error(
          { boardId: this.options.boardId, err: error, retryInMs: delay },
          'saving updates failed',
        )
        await new Promise((resolve) => setTimeout(resolve, delay))
        continue
      }
      this.updatesSinceCompaction += batch.length
      this.bytesSinceCompaction += merged.byteLength
      const stored: StoredBatch = {
        update: merged,
        seq: this.lastStoredSeq,
        sender: batch.length === 1 ? batch[0]!.sender : null,
      }
      for (const listener of [...this.listeners]) listener(stored)
    }
    this.flushing = null
    if (this.isDueForCompaction()) this.scheduleCompaction()
  }

  /**
   * An upper bound on the size of the document's encoded state, from counting: the last
   * measured (or loaded) size plus every byte appended since. Costs nothing to read.
   */
  get stateSizeBound(): number {
    return this.measuredStateBytes + this.bytesSinceMeasured
  }

  /** The size of the document's state when it was last encoded (or the loaded log's size). */
  get lastMeasuredStateBytes(): number {
    return this.measuredStateBytes
  }

  /**
   * Whether `measureState` may run now: at most once a second, and never more often than 20
   * times its own last duration, so measuring takes at most ~5 % of the time even on a board
   * whose every edit lands near a size limit.
   */
  canMeasure(now: number = performance.now()): boolean {
    return now - this.lastMeasuredAt >= Math.max(1_000, 20 * this.lastMeasureMs)
  }

  /** Encodes the document's state once to learn its exact size; the bound starts again from it. */
  measureState(now: number = performance.now()): number {
    const started = performance.now()
    this.noteMeasured(this.options.encodeState().byteLength, now)
    this.lastMeasureMs = performance.now() - started
    return this.measuredStateBytes
  }

  private noteMeasured(stateBytes: number, now: number): void {
    this.measuredStateBytes = stateBytes
    this.bytesSinceMeasured = 0
    this.lastMeasuredAt = now
  }

  /** Resolves when every update appended so far is in storage. */
  async whenStored(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  /**
   * Compaction rewrites the whole state, so it waits until the log has grown by at least the
   * state's size as well as by `compactAfterUpdates` updates: its cost stays proportional to what
   * was written, also on a board with thousands of notes.
   */
  private isDueForCompaction(): boolean {
    return (
      this.updatesSinceCompaction >= this.options.compactAfterUpdates &&
      this.bytesSinceCompaction >= this.compactedStateBytes
    )
  }

  private scheduleCompaction(): void {
    if (this.compacting || this.closed) return
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compact())
      .catch((error) => this.options.logger.error({ boardId: this.options.boardId, err: error }, 'compaction failed'))
      .finally(() => {
        this.compacting = null
      })
  }

  /** Replaces the stored log through the last durable seq with one state update (atomically). */
  async compact(): Promise<void> {
    await this.whenStored()
    if (this.updatesSinceCompaction === 0) return
    // Read together, after the append that stored `throughSeq` was applied to the document: the
    // state holds every entry it replaces. It may also hold updates not yet stored; storing them
    // twice is harmless for Yjs.
    const throughSeq = this.lastStoredSeq
    const counted = this.updatesSinceCompaction
    const countedBytes = this.bytesSinceCompaction
    const state = this.options.encodeState()
    // Every update appended so far is in this state (the room applies before it appends).
    this.noteMeasured(state.byteLength, performance.now())
    await this.options.storage.compact(this.options.boardId, state, throughSeq)
    this.updatesSinceCompaction -= counted
    this.bytesSinceCompaction -= countedBytes
    this.compactedStateBytes = state.byteLength
  }

  /**
   * Stores everything appended, then compacts (a failed compaction is logged: the full log is
   * still stored). Appending afterwards throws.
   */
  async close(): Promise<void> {
    this.closed = true
    await this.whenStored()
    if (this.compacting) await this.compacting
    try {
      await this.compact()
    } catch (error) {
      this.options.logger.error({ boardId: this.options.boardId, err: error }, 'compaction on close failed')
    }
  }
}
