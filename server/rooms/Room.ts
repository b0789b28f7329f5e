import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { assertNever } from '../../shared/assertNever.js'
import {
  applyStoredLog,
  getMetaMap,
  getRecordsArray,
  META_SCHEMA_KEY,
  readBoardRecords,
  type StoredRecord,
  writeBoardRecords,
} from '../../shared/boardDocument.js'
import type { Role } from '../../shared/api.js'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import {
  AwarenessParticipant,
  FACILITATION_MAP_NAME,
  type FacilitationState,
  IDLE_AFTER_MS,
  PARTICIPANT_AWARENESS_FIELD,
  type Participant,
  type Person,
  readFacilitation,
  UNDISCLOSED_GROUP,
} from '../../shared/facilitation.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { readFreshAwareness } from '../sync/freshAwareness.js'
import { keepOwnedAwareness } from '../sync/ownedAwareness.js'
import {
  type ClientMessage,
  decodeClientMessage,
  encodeAwarenessUpdate,
  encodeDocumentUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  ProtocolError,
} from '../sync/protocol.js'
import { BoardLog, type StoredBatch } from './BoardLog.js'
import { type Correction, enforceUpdateRules, type Protection, protectionOf, type RuleContext } from './updateRules.js'
import { type Logger, type RoomConnection, type Session, STORAGE_ORIGIN, type UpdateOrigin } from './types.js'

export interface RoomOptions {
  storage: BoardStorage
  logger: Logger
  /** Compact the stored log once this many updates were appended since the last compaction. */
  compactAfterUpdates: number
  /** Largest state the board may grow to, in bytes (MAX_BOARD_BYTES); 0 for no limit. */
  maxBoardBytes?: number
  /** Called when the last connection leaves (the manager then schedules eviction). */
  onEmpty?: (room: Room) => void
}

interface ConnectionState {
  session: Session
  /** Awareness client ids this connection announced; removed for everyone when it leaves. */
  awarenessClientIds: Set<number>
  /** Server time of this connection's last edit or change of presence (a renewal does not count). */
  lastActiveAt: number
}

const API_ORIGIN: UpdateOrigin = { kind: 'api' }
const ROLE_RANK: Record<Role, number> = { view: 0, edit: 1, facilitator: 2 }
/**
 * Cursor and name updates go out together at most this often. With 100 people moving their
 * cursors, each client then handles ~30 awareness messages a second instead of hundreds.
 */
const AWARENESS_BATCH_MS = 30
/** Client ids one connection may announce: one per Y.Doc, and a tab has one (a few for tests and tools). */
const MAX_AWARENESS_IDS = 4
/** A cursor, a name and a colour take a few hundred bytes; 8 KiB leaves room for selections. */
const MAX_AWARENESS_STATE_BYTES = 8 * 1024

/** An edit would grow the board past its size limit (MAX_BOARD_BYTES); it was not applied. */
export class BoardTooLargeError extends Error {
  /** Answered as 413 through the API (server/http/errors.ts), closed 4413 on a websocket. */
  readonly statusCode = 413
  readonly code = 'TK_BOARD_TOO_LARGE'
  constructor(readonly limitBytes: number) {
    super(`the board has reached its size limit (${limitBytes} bytes); the change was not saved`)
  }
}

/**
 * One board in memory: its Y.Doc, awareness and connections, with its persistence in a BoardLog.
 *
 * Every document update is appended to storage before it is broadcast (the room broadcasts what
 * the log reports stored), so an update any client has received is on disk. The room stores and
 * relays the bytes a client sent; nothing listens to the document's 'update' event for long,
 * which would make Yjs encode every applied update once more.
 */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Map<RoomConnection, ConnectionState>()
  private readonly log: BoardLog
  private closed = false
  private readonly beforeCloseHooks: Array<() => Promise<void>> = []
  private readonly pendingAwareness = new Set<number>()
  /** Which connection announced each awareness client id (see keepOwnAwareness). */
  private readonly awarenessOwners = new Map<number, RoomConnection>()
  private awarenessTimer: NodeJS.Timeout | null = null
  /** The facilitation map as last written by the server (clients cannot write it). */
  private facilitation: FacilitationState
  /** Records the update rules must look at whenever they change: template zones, anonymous notes. */
  private readonly protectedKeys = new Map<string, Protection>()

  private constructor(
    readonly boardId: string,
    doc: Y.Doc,
    lastStoredSeq: number,
    stored: Uint8Array[],
    private readonly options: RoomOptions,
  ) {
    this.doc = doc
    this.log = new BoardLog(
      {
        boardId,
        storage: options.storage,
        logger: options.logger,
        compactAfterUpdates: options.compactAfterUpdates,
        encodeState: () => Y.encodeStateAsUpdate(this.doc),
      },
      stored,
      lastStoredSeq,
    )
    this.log.onStored(this.broadcastStored)
    this.facilitation = readFacilitation(doc.getMap(FACILITATION_MAP_NAME))
    for (const record of readBoardRecords(doc)) {
      if (record && typeof record === 'object' && typeof record.id === 'string') this.noteProtection(record.id, record)
    }
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.awareness.on('change', this.onAwarenessChange)
  }

  /** Loads a board's document from its stored update log. */
  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const { updates, lastSeq } = await options.storage.loadUpdates(boardId)
    const doc = new Y.Doc({ gc: true })
    applyStoredLog(doc, updates, STORAGE_ORIGIN, ({ index, error }) =>
      options.logger.error(
        { boardId, index, err: error },
        index === undefined
          ? 'stored log did not merge; applying updates one by one'
          : 'skipping an unreadable stored update',
      ),
    )
    const repaired = dropPending(doc)
    const room = new Room(boardId, doc, lastSeq, updates, options)
    if (repaired) {
      options.logger.warn({ boardId, ...repaired }, 'stored log held items that can never apply: dropped')
      // Compacting stores the state without them, so the next load has nothing to drop.
      await room
        .compact()
        .catch((error) =>
          options.logger.error(
            { boardId, err: error },
            'compacting a repaired board failed; it is repaired again on load',
          ),
        )
    }
    return room
  }

  /** The board's current records (a fresh read; the room keeps no YKeyValue view). */
  readRecords(): StoredRecord[] {
    return readBoardRecords(this.doc)
  }

  /**
   * Writes records as one transaction made by the server for someone of `role` (e.g. an import
   * through the API), stored and broadcast like a client's update. The board rules judge it as
   * they judge that person's own edits (updateRules.ts): what they refuse is corrected in the
   * same transaction, so the refused content is stored nowhere. Returns those corrections.
   */
  writeRecordsAsServer(records: readonly StoredRecord[], role: Role): Correction[] {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    // The update holds about the records' JSON; it is only known once written.
    if (!this.fitsSizeLimit(Buffer.byteLength(JSON.stringify(records)), false)) {
      throw new BoardTooLargeError(this.options.maxBoardBytes!)
    }
    let corrections: Correction[] = []
    this.writeAsServer((transaction) => {
      writeBoardRecords(this.doc, records)
      corrections = enforceUpdateRules(this.doc, transaction, this.ruleContext(role), this.noteProtection)
    })
    if (corrections.length > 0) {
      this.options.logger.info(
        { boardId: this.boardId, role, corrected: corrections.slice(0, 5), count: corrections.length },
        'server write corrected by board rules',
      )
    }
    return corrections
  }

  /**
   * Removes the records `remove` names and writes `put`, as one server transaction (a restored
   * version, server/versions/): stored and broadcast like a client's update, so everyone connected
   * sees it at once. A facilitator's act: the board rules do not judge it. `schema`, when given,
   * becomes the document's meta schema in the same transaction (the schema `put` is written in).
   */
  replaceRecordsAsServer(put: readonly StoredRecord[], remove: readonly string[], schema?: unknown): void {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    if (!this.fitsSizeLimit(Buffer.byteLength(JSON.stringify(put)), put.length === 0)) {
      throw new BoardTooLargeError(this.options.maxBoardBytes!)
    }
    const removed = new Set(remove)
    this.writeAsServer(() => {
      const array = getRecordsArray(this.doc)
      const entries = array.toArray()
      for (let i = entries.length - 1; i >= 0; i--) if (removed.has(entries[i]!.key)) array.delete(i, 1)
      writeBoardRecords(this.doc, put)
      if (schema !== undefined) getMetaMap(this.doc).set(META_SCHEMA_KEY, schema)
    })
    for (const id of remove) this.protectedKeys.delete(id)
    for (const record of put) {
      const protection = protectionOf(record)
      if (protection) this.protectedKeys.set(record.id, protection)
      else this.protectedKeys.delete(record.id)
    }
  }

  /** How many records the board rules watch (live template zones and anonymous notes). */
  get protectedRecordCount(): number {
    return this.protectedKeys.size
  }

  /** The facilitation state (shared/facilitation.ts) as the server last wrote it. */
  get facilitationState(): FacilitationState {
    return this.facilitation
  }

  /**
   * Writes a new facilitation state as the server (only the server writes that map), stored and
   * broadcast like any update. Keys that did not change are not written.
   */
  writeFacilitation(next: FacilitationState): void {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    const map = this.doc.getMap<unknown>(FACILITATION_MAP_NAME)
    const changedKeys = (Object.keys(next) as Array<keyof FacilitationState>).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(this.facilitation[key]) || !map.has(key),
    )
    this.facilitation = next
    if (changedKeys.length === 0) return
    this.writeAsServer(() => {
      for (const key of changedKeys) map.set(key, next[key])
    })
  }

  /** A value of the server-only facilitation map that FacilitationState does not cover (e.g. voting). */
  readServerValue(key: string): unknown {
    return this.doc.getMap<unknown>(FACILITATION_MAP_NAME).get(key)
  }

  /** Writes one such value as the server, stored and broadcast like any update. */
  writeServerValue(key: string, value: unknown): void {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    this.writeAsServer(() => this.doc.getMap<unknown>(FACILITATION_MAP_NAME).set(key, value))
  }

  /** Runs `write` as one server transaction and appends the update it made to the log. */
  private writeAsServer(write: (transaction: Y.Transaction) => void): void {
    // The one update this transaction makes, encoded by Yjs for as long as it runs.
    const made: Uint8Array[] = []
    const capture = (update: Uint8Array) => made.push(update)
    this.doc.on('update', capture)
    try {
      this.doc.transact(write, API_ORIGIN)
    } finally {
      this.doc.off('update', capture)
    }
    for (const update of made) this.log.append(update, null)
  }

  /** Seq of the board's last update known to be stored. */
  get storedSeq(): number {
    return this.log.storedSeq
  }

  /** Calls `listener` after each batch of updates is durable (and broadcast); returns the unsubscribe. */
  onStored(listener: (batch: StoredBatch) => void): () => void {
    return this.log.onStored(listener)
  }

  /** Registers work to finish while the document still exists, when the room closes. */
  onBeforeClose(hook: () => Promise<void>): void {
    this.beforeCloseHooks.push(hook)
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /**
   * Who is here, from the server's own connections (not from what clients announce): one entry
   * per participant identity however many tabs they have, plus one per connection without one.
   */
  people(now: number = Date.now()): Person[] {
    const byParticipant = new Map<string, Person & { lastActiveAt: number }>()
    const people: Array<Person & { lastActiveAt: number }> = []
    for (const { session, lastActiveAt } of this.connections.values()) {
      const participant = session.participant
      const known = participant ? byParticipant.get(participant.id) : undefined
      if (known) {
        known.connections++
        known.lastActiveAt = Math.max(known.lastActiveAt, lastActiveAt)
        // A person with a facilitator tab is a facilitator.
        if (ROLE_RANK[session.role] > ROLE_RANK[known.role]) known.role = session.role
        continue
      }
      const person = {
        participantId: participant?.id ?? null,
        name: participant?.name ?? '',
        group: participant?.group ?? UNDISCLOSED_GROUP,
        role: session.role,
        status: 'active' as const,
        connections: 1,
        lastActiveAt,
      }
      if (participant) byParticipant.set(participant.id, person)
      people.push(person)
    }
    return people.map(({ lastActiveAt, ...person }) => ({
      ...person,
      status: now - lastActiveAt > IDLE_AFTER_MS ? 'idle' : 'active',
    }))
  }

  /** A participant changed name or group: their live connections speak for the new one. */
  updateParticipant(participant: Participant): void {
    for (const { session } of this.connections.values()) {
      if (session.participant?.id === participant.id) session.participant = participant
    }
  }

  /** Closes every connection opened with `role` (its link was rotated); returns how many. */
  closeConnectionsWithRole(role: Role, code: number, reason: string): number {
    let closed = 0
    for (const [connection, state] of [...this.connections]) {
      if (state.session.role !== role) continue
      connection.close(code, reason)
      this.disconnect(connection)
      closed++
    }
    return closed
  }

  /** Closes every connection (e.g. while the board cannot be saved); returns how many. */
  closeAllConnections(code: number, reason: string): number {
    const connections = [...this.connections.keys()]
    for (const connection of connections) {
      connection.close(code, reason)
      this.disconnect(connection)
    }
    return connections.length
  }

  /** Adds a connection: sends our sync step 1 and everyone's awareness. */
  connect(connection: RoomConnection, session: Session): void {
    if (this.closed) throw new Error(`room ${this.boardId} is closed`)
    this.connections.set(connection, { session, awarenessClientIds: new Set(), lastActiveAt: Date.now() })
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
        this.applyClientUpdate(connection, state, message.update)
        return
      case 'awareness': {
        const fresh = readFreshAwareness(this.awareness, message.update)
        if (!fresh) return
        const owned = this.keepOwnAwareness(connection, state, fresh)
        if (owned) awarenessProtocol.applyAwarenessUpdate(this.awareness, owned, connection)
        return
      }
      case 'queryAwareness': {
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])
        connection.send(encodeAwarenessUpdate(update))
        return
      }
      default:
        assertNever(message, 'client message')
    }
  }

  /**
   * Applies a client's update and queues the very bytes it sent for storing and relaying (Yjs
   * receivers skip what they already have). An update that changed nothing is dropped: every
   * connect's sync step 2 is usually one. An update referring to items the room never received
   * is refused (the sender is closed): Yjs would keep that part pending and fold it into every
   * state it encodes, so it is dropped; whatever of the update did integrate is judged, stored
   * and relayed like any edit (as Yjs encodes it), since later states, and so other clients'
   * edits, include it from now on.
   */
  private applyClientUpdate(connection: RoomConnection, state: ConnectionState, update: Uint8Array): void {
    if (!this.fitsSizeLimit(update.byteLength, addsNoItems(update))) {
      throw new BoardTooLargeError(this.options.maxBoardBytes!)
    }
    const store = this.doc.store
    let changed = false
    let leftPending = false
    let corrections: Correction[] = []
    // The update Yjs encodes for a corrected or partly applied transaction: what it really
    // changed (refused content is garbage collected in it).
    const applied: Uint8Array[] = []
    const capture = (made: Uint8Array) => applied.push(made)
    this.doc.transact(
      (transaction) => {
        Y.applyUpdate(this.doc, update)
        // The room loads without pending state, so whatever is pending now came with this update.
        leftPending = store.pendingStructs !== null || store.pendingDs !== null
        if (leftPending) {
          store.pendingStructs = null
          store.pendingDs = null
        }
        changed = transaction.deleteSet.clients.size > 0 || stateAdvanced(transaction.beforeState, store)
        if (!changed) return
        forgetSearchMarkers(getRecordsArray(this.doc))
        corrections = enforceUpdateRules(
          this.doc,
          transaction,
          this.ruleContext(state.session.role),
          this.noteProtection,
        )
        if (corrections.length > 0) {
          // Applying the update marked the transaction remote; the corrections are the server's
          // own writes, which Yjs would otherwise take for another client using our client id.
          transaction.local = true
        } else if (!leftPending) {
          return
        }
        // Listening now still hears this transaction: Yjs encodes it when the transaction ends.
        this.doc.on('update', capture)
      },
      { kind: 'connection', connection } satisfies UpdateOrigin,
    )
    this.doc.off('update', capture)
    if (changed) {
      state.lastActiveAt = Date.now()
      if (corrections.length === 0 && !leftPending) {
        this.log.append(update, connection)
      } else {
        if (corrections.length > 0) {
          this.options.logger.warn(
            {
              boardId: this.boardId,
              connection: connection.id,
              role: state.session.role,
              refused: corrections.slice(0, 5),
              count: corrections.length,
            },
            'changes refused by board rules and reverted',
          )
        }
        // The sender receives it too: that is what brings its copy back to the board's.
        for (const made of applied) this.log.append(made, null)
      }
    }
    if (leftPending) throw new ProtocolError('update refers to items the server does not have')
  }

  /**
   * Whether an update of `bytes` keeps the board within maxBoardBytes. Removing things always
   * fits. The check counts bytes (BoardLog.stateSizeBound, an upper bound: a moved note adds its
   * whole record to the log but almost nothing to the state); only when that bound would cross the
   * limit is the state encoded to learn its real size, at most as often as BoardLog.canMeasure
   * allows. Between two measurements the last measured size decides, so the board may pass the
   * limit by what arrives in the second between them.
   */
  private fitsSizeLimit(bytes: number, onlyRemoves: boolean): boolean {
    const limit = this.options.maxBoardBytes
    if (!limit || onlyRemoves) return true
    if (this.log.stateSizeBound + bytes <= limit) return true
    const known = this.log.canMeasure() ? this.log.measureState() : this.log.lastMeasuredStateBytes
    return known + bytes <= limit
  }

  private ruleContext(role: Role): RuleContext {
    return { role, facilitation: this.facilitation, protectedKeys: this.protectedKeys }
  }

  /**
   * Keeps protectedKeys in step with the records every accepted change leaves: a record that is
   * gone (undefined) needs no protection, so the map holds at most the board's live zones and
   * anonymous notes.
   */
  private readonly noteProtection = (key: string, record: StoredRecord | undefined): void => {
    // A log stored before the rules refused malformed entries may still hold some: skip them.
    const protection = record && typeof record === 'object' ? protectionOf(record) : null
    if (protection) this.protectedKeys.set(key, protection)
    else this.protectedKeys.delete(key)
  }

  /**
   * Presence is bound to the connection: it may set and remove only the client ids it announced
   * first (a view link could otherwise rename or remove anyone's cursor), at most
   * MAX_AWARENESS_IDS of them, each state at most MAX_AWARENESS_STATE_BYTES. Other entries are
   * dropped with a log line; the rest applies.
   */
  private keepOwnAwareness(connection: RoomConnection, state: ConnectionState, update: Uint8Array): Uint8Array | null {
    let claimed = state.awarenessClientIds.size
    const { update: kept, refused } = keepOwnedAwareness(
      update,
      (clientId) => {
        if (state.awarenessClientIds.has(clientId)) return 'owned'
        if (this.awarenessOwners.has(clientId)) return 'not-owner'
        if (claimed >= MAX_AWARENESS_IDS) return 'too-many-ids'
        claimed++
        return 'claim'
      },
      MAX_AWARENESS_STATE_BYTES,
      (bytes) => checkAwarenessParticipant(bytes, state.session),
    )
    if (refused.length > 0) {
      this.options.logger.warn(
        { boardId: this.boardId, connection: connection.id, refused: refused.slice(0, 5) },
        'awareness entries dropped',
      )
    }
    return kept
  }

  private refuse(connection: RoomConnection, error: unknown): void {
    if (error instanceof BoardTooLargeError) {
      this.options.logger.warn(
        { boardId: this.boardId, connection: connection.id, limitBytes: error.limitBytes },
        'edit refused: the board has reached its size limit',
      )
      connection.close(CloseCode.boardTooLarge, CloseReason.boardTooLarge)
      this.disconnect(connection)
      return
    }
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
    for (const id of state.awarenessClientIds) this.awarenessOwners.delete(id)
    if (state.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessClientIds], null)
    }
    if (this.connections.size === 0) this.options.onEmpty?.(this)
  }

  /** Sends a stored batch to every connection but the one that sent it. */
  private readonly broadcastStored = ({ update, sender }: StoredBatch): void => {
    if (this.closed) return
    // A merged batch goes to everyone, its senders too: Yjs skips what a client already has,
    // and one frame costs every client one transaction instead of one per update.
    const frame = encodeDocumentUpdate(update)
    for (const connection of this.connections.keys()) {
      if (connection !== sender) connection.send(frame)
    }
  }

  /** 'change' fires only when a state's content changed: a moved cursor counts, a renewal not. */
  private readonly onAwarenessChange = (_change: unknown, origin: unknown): void => {
    const state = this.connections.get(origin as RoomConnection)
    if (state) state.lastActiveAt = Date.now()
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed)
    if (changed.length === 0) return
    const sender =
      origin && typeof origin === 'object' && this.connections.has(origin as RoomConnection)
        ? (origin as RoomConnection)
        : null
    if (sender) {
      const ids = this.connections.get(sender)!.awarenessClientIds
      for (const id of added.concat(updated)) {
        ids.add(id)
        this.awarenessOwners.set(id, sender)
      }
      for (const id of removed) {
        ids.delete(id)
        this.awarenessOwners.delete(id)
      }
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
  whenStored(): Promise<void> {
    return this.log.whenStored()
  }

  /** Replaces the stored log with one state update (atomically in storage). */
  compact(): Promise<void> {
    return this.log.compact()
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
    await this.log.close()
    for (const hook of this.beforeCloseHooks) {
      await hook().catch((error) =>
        this.options.logger.error({ boardId: this.boardId, err: error }, 'close hook failed'),
      )
    }
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.off('change', this.onAwarenessChange)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

const PARTICIPANT_FIELD_BYTES = Buffer.from(`"${PARTICIPANT_AWARENESS_FIELD}"`)

/**
 * An awareness state may carry only its own connection's identity and group: a forged one would
 * put someone else's name or group on a cursor. States without the field pass (tools, old clients).
 */
function checkAwarenessParticipant(bytes: Uint8Array, session: Session): 'forged-participant' | null {
  // Most states are cursor moves of the same shape; only those naming an identity are parsed.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(PARTICIPANT_FIELD_BYTES) < 0) return null
  let claimed: unknown
  try {
    claimed = (JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown> | null)?.[
      PARTICIPANT_AWARENESS_FIELD
    ]
  } catch {
    return 'forged-participant'
  }
  if (claimed === undefined || claimed === null) return null
  const parsed = AwarenessParticipant.safeParse(claimed)
  const own = session.participant
  if (!parsed.success || !own || parsed.data.id !== own.id || parsed.data.group !== own.group)
    return 'forged-participant'
  return null
}

/**
 * Whether a (valid, v1) update adds no items, only deletions: its first number counts the
 * clients whose new structs it carries.
 */
function addsNoItems(update: Uint8Array): boolean {
  try {
    return decoding.readVarUint(decoding.createDecoder(update)) === 0
  } catch {
    return false
  }
}

/**
 * Makes a list find positions from its start again. Yjs keeps search markers (index → item) to
 * address a list quickly, and forgets them after a remote transaction only when it ends; items
 * the applied update integrated in the middle leave them pointing a few places off until then.
 * The board rules address records by index inside that very transaction: with stale markers they
 * deleted a neighbour instead of the refused entry, or threw ("Length exceeded") half-way
 * (found by tests/server/frameFuzz.test.ts, seed 207901).
 */
function forgetSearchMarkers<T>(list: Y.Array<T>): void {
  const markers = (list as unknown as { _searchMarker: unknown[] | null })._searchMarker
  if (markers) markers.length = 0
}

/**
 * Drops what a stored log left pending (written by a server from before updates with missing
 * items were refused): those items wait for predecessors the server never received. The client
 * that has the predecessors also has them, and its next sync sends both, judged then under its
 * own role; released now, they would be judged as whoever's update happened to release them.
 * Returns what was dropped, or null when nothing was pending.
 */
function dropPending(doc: Y.Doc): { pendingStructBytes: number; pendingDeletes: boolean } | null {
  const { pendingStructs, pendingDs } = doc.store
  if (pendingStructs === null && pendingDs === null) return null
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return { pendingStructBytes: pendingStructs?.update.byteLength ?? 0, pendingDeletes: pendingDs !== null }
}

/** Whether a transaction added items: some client's clock moved past where it began. */
function stateAdvanced(beforeState: Map<number, number>, store: Y.Doc['store']): boolean {
  for (const client of store.clients.keys()) {
    if (Y.getState(store, client) !== (beforeState.get(client) ?? 0)) return true
  }
  return false
}
