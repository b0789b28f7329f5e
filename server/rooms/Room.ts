import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { assertNever } from '../../shared/assertNever.js'
import { readBoardRecords, type StoredRecord, writeBoardRecords } from '../../shared/boardDocument.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { readFreshAwareness } from '../sync/freshAwareness.js'
import {
  type ClientMessage,
  decodeClientMessage,
  encodeAwarenessUpdate,
  encodeDocumentUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  ProtocolError,
} from '../sync/protocol.js'

import { type Logger, type RoomConnection, type Session, STORAGE_ORIGIN, type UpdateOrigin } from './types.js'

export interface RoomOptions {
  storage: BoardStorage
  logger: Logger
  /** Compact the stored log once this many updates were appended since the last compaction. */
  compactAfterUpdates: number
  /** Called when the last connection leaves (the manager then schedules eviction). */
  onEmpty?: (room: Room) => void
}

interface ConnectionState {
  session: Session
  /** Awareness client ids this connection announced; removed for everyone when it leaves. */
  awarenessClientIds: Set<number>
}

interface PendingUpdate {
  update: Uint8Array
  origin: UpdateOrigin
}

const RETRY_DELAYS_MS = [100, 500, 2_000, 5_000]
/**
 * Cursor and name updates go out together at most this often. With 100 people moving their
 * cursors, each client then handles ~30 awareness messages a second instead of hundreds.
 */
const AWARENESS_BATCH_MS = 30

/**
 * One board in memory: its Y.Doc, awareness, connections and persistence.
 *
 * Every document update is appended to storage before it is broadcast, so an update any client
 * has received is on disk. Updates that arrive while a write is in flight are written together
 * in the next batch (group commit), which keeps the latency low under load.
 */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Map<RoomConnection, ConnectionState>()
  private pending: PendingUpdate[] = []
  private flushing: Promise<void> | null = null
  private lastStoredSeq: number
  private updatesSinceCompaction: number
  /** Bytes appended since the last compaction, and the size of the state it wrote. */
  private bytesSinceCompaction = 0
  private compactedStateBytes: number
  private compacting: Promise<void> | null = null
  private closed = false
  private readonly beforeCloseHooks: Array<() => Promise<void>> = []
  private readonly pendingAwareness = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | null = null

  private constructor(
    readonly boardId: string,
    doc: Y.Doc,
    lastStoredSeq: number,
    stored: Uint8Array[],
    private readonly options: RoomOptions,
  ) {
    this.doc = doc
    this.lastStoredSeq = lastStoredSeq
    this.updatesSinceCompaction = stored.length > 1 ? stored.length : 0
    this.compactedStateBytes = stored[0]?.byteLength ?? 0
    this.bytesSinceCompaction = stored.slice(1).reduce((total, update) => total + update.byteLength, 0)
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocumentUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Loads a board's document from its stored update log. */
  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const { updates, lastSeq } = await options.storage.loadUpdates(boardId)
    const doc = new Y.Doc({ gc: true })
    applyStoredUpdates(doc, updates, options.logger, boardId)
    const room = new Room(boardId, doc, lastSeq, updates, options)
    if (room.isDueForCompaction()) room.scheduleCompaction()
    return room
  }

  /** The board's current records (a fresh read; the room keeps no YKeyValue view). */
  readRecords(): StoredRecord[] {
    return readBoardRecords(this.doc)
  }

  /** Writes records as one transaction made by the server itself (e.g. an import through the API). */
  writeRecordsAsServer(records: readonly StoredRecord[]): void {
    this.doc.transact(() => writeBoardRecords(this.doc, records), { kind: 'api' } satisfies UpdateOrigin)
  }

  /** Registers work to finish while the document still exists, when the room closes. */
  onBeforeClose(hook: () => Promise<void>): void {
    this.beforeCloseHooks.push(hook)
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Adds a connection: sends our sync step 1 and everyone's awareness. */
  connect(connection: RoomConnection, session: Session): void {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    this.connections.set(connection, { session, awarenessClientIds: new Set() })
    connection.send(encodeSyncStep1(this.doc))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])
      connection.send(encodeAwarenessUpdate(update))
    }
  }

  /** Handles one frame from a connection; a malformed frame closes that connection only. */
  receive(connection: RoomConnection, frame: Uint8Array): void {
    const state = this.connections.get(connection)
    if (!state || this.closed) return
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame)
    } catch (error) {
      this.refuse(connection, error)
      return
    }
    try {
      this.handle(connection, state, message)
    } catch (error) {
      this.refuse(connection, error)
    }
  }

  private handle(connection: RoomConnection, state: ConnectionState, message: ClientMessage): void {
    switch (message.kind) {
      case 'syncStep1':
        // Answer once everything already accepted is stored, so a client never receives
        // an update that a crash could still lose.
        void this.whenStored().then(() => {
          if (this.connections.has(connection)) {
            connection.send(encodeSyncStep2(this.doc, message.stateVector))
          }
        })
        return
      case 'syncStep2':
      case 'update':
        // Viewers may ask (step 1) and announce their cursor, but never change the document.
        if (state.session.role === 'view') return
        Y.applyUpdate(this.doc, message.update, { kind: 'connection', connection } satisfies UpdateOrigin)
        return
      case 'awareness': {
        const fresh = readFreshAwareness(this.awareness, message.update)
        if (fresh) awarenessProtocol.applyAwarenessUpdate(this.awareness, fresh, connection)
        return
      }
      case 'queryAwareness': {
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
          ...this.awareness.getStates().keys(),
        ])
        connection.send(encodeAwarenessUpdate(update))
        return
      }
      default:
        assertNever(message, 'client message')
    }
  }

  private refuse(connection: RoomConnection, error: unknown): void {
    const isProtocol = error instanceof ProtocolError
    this.options.logger.warn(
      { boardId: this.boardId, connection: connection.id, err: error },
      isProtocol ? 'closing connection after a malformed frame' : 'error handling a frame',
    )
    connection.close(
      isProtocol ? CloseCode.badMessage : CloseCode.internalError,
      isProtocol ? CloseReason.badMessage : CloseReason.internalError,
    )
    this.disconnect(connection)
  }

  /** Removes a connection and its awareness states (telling the others). Idempotent. */
  disconnect(connection: RoomConnection): void {
    const state = this.connections.get(connection)
    if (!state) return
    this.connections.delete(connection)
    if (state.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessClientIds], null)
    }
    if (this.connections.size === 0) this.options.onEmpty?.(this)
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return
    this.pending.push({ update, origin: (origin as UpdateOrigin | null) ?? { kind: 'api' } })
    if (!this.flushing) this.flushing = this.flushPending()
  }

  private async flushPending(): Promise<void> {
    // Let every frame read in this turn of the event loop join the batch: under load a batch
    // grows by itself, and the room writes and sends once per batch instead of once per update.
    await new Promise((resolve) => setImmediate(resolve))
    let attempt = 0
    while (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((entry) => entry.update))
      try {
        this.lastStoredSeq = await this.options.storage.appendUpdates(this.boardId, [merged])
        attempt = 0
      } catch (error) {
        // Keep the updates (they are in the document already) and try again; never drop them.
        this.pending = batch.concat(this.pending)
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!
        attempt++
        this.options.logger.error({ boardId: this.boardId, err: error, retryInMs: delay }, 'saving updates failed')
        await new Promise((resolve) => setTimeout(resolve, delay))
        continue
      }
      this.updatesSinceCompaction += batch.length
      this.bytesSinceCompaction += merged.byteLength
      // A merged batch goes to everyone, its senders too: Yjs skips what a client already has,
      // and one frame costs every client one transaction instead of one per update.
      this.broadcastDocumentUpdate(merged, batch.length === 1 ? senderOf(batch[0]!.origin) : null)
    }
    this.flushing = null
    if (this.isDueForCompaction()) this.scheduleCompaction()
  }

  private broadcastDocumentUpdate(update: Uint8Array, except: RoomConnection | null): void {
    const frame = encodeDocumentUpdate(update)
    for (const connection of this.connections.keys()) {
      if (connection !== except) connection.send(frame)
    }
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed)
    if (changed.length === 0) return
    const sender = origin && typeof origin === 'object' && this.connections.has(origin as RoomConnection)
      ? (origin as RoomConnection)
      : null
    if (sender) {
      const ids = this.connections.get(sender)!.awarenessClientIds
      for (const id of added) ids.add(id)
      for (const id of updated) ids.add(id)
      for (const id of removed) ids.delete(id)
    }
    for (const id of changed) this.pendingAwareness.add(id)
    this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_BATCH_MS)
  }

  /**
   * Sends every awareness state that changed since the last flush in one frame to everyone. The
   * sender gets its own state back too, which y-protocols ignores (same clock): one encoding
   * instead of one per connection.
   */
  private readonly flushAwareness = (): void => {
    this.awarenessTimer = null
    if (this.closed || this.pendingAwareness.size === 0) return
    const ids = [...this.pendingAwareness]
    this.pendingAwareness.clear()
    const frame = encodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
    for (const connection of this.connections.keys()) connection.send(frame)
  }

  /** Resolves when every update accepted so far is in storage. */
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
      .catch((error) => this.options.logger.error({ boardId: this.boardId, err: error }, 'compaction failed'))
      .finally(() => {
        this.compacting = null
      })
  }

  /** Replaces the stored log with one state update (atomically in storage). */
  async compact(): Promise<void> {
    await this.whenStored()
    if (this.updatesSinceCompaction === 0) return
    const throughSeq = this.lastStoredSeq
    const counted = this.updatesSinceCompaction
    const countedBytes = this.bytesSinceCompaction
    // The state may also hold updates not yet stored; storing them twice is harmless for Yjs.
    const state = Y.encodeStateAsUpdate(this.doc)
    await this.options.storage.compact(this.boardId, state, throughSeq)
    this.updatesSinceCompaction -= counted
    this.bytesSinceCompaction -= countedBytes
    this.compactedStateBytes = state.byteLength
  }

  /**
   * Stores everything, compacts, closes remaining connections with `closeCode` and frees the
   * document. The room must not be used afterwards.
   */
  async close(closeCode: number = CloseCode.serverRestarting, reason = CloseReason.serverRestarting): Promise<void> {
    if (this.closed) return
    this.closed = true
    // Close connections first so nothing new arrives; what they sent is already queued.
    for (const connection of [...this.connections.keys()]) connection.close(closeCode, reason)
    this.connections.clear()
    await this.whenStored()
    if (this.compacting) await this.compacting
    try {
      await this.compact()
    } catch (error) {
      // The full log is still stored; compaction can wait for the next load.
      this.options.logger.error({ boardId: this.boardId, err: error }, 'compaction on close failed')
    }
    for (const hook of this.beforeCloseHooks) {
      await hook().catch((error) => this.options.logger.error({ boardId: this.boardId, err: error }, 'close hook failed'))
    }
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
    this.doc.off('update', this.onDocumentUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function senderOf(origin: UpdateOrigin): RoomConnection | null {
  return origin.kind === 'connection' ? origin.connection : null
}

function applyStoredUpdates(doc: Y.Doc, updates: Uint8Array[], logger: Logger, boardId: string): void {
  if (updates.length === 0) return
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), STORAGE_ORIGIN)
  } catch (error) {
    // One damaged entry must not make the whole board unreadable: apply the rest one by one.
    logger.error({ boardId, err: error }, 'stored log did not merge; applying updates one by one')
    for (const [index, update] of updates.entries()) {
      try {
        Y.applyUpdate(doc, update, STORAGE_ORIGIN)
      } catch (entryError) {
        logger.error({ boardId, index, err: entryError }, 'skipping an unreadable stored update')
      }
    }
  }
}
