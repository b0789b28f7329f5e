import * as Y from 'yjs'
import { applyStoredLog, readBoardRecords } from '../../shared/boardDocument.js'
import { type BoardSnapshot, buildBoardSnapshot, SNAPSHOT_SCHEMA_VERSION } from '../../shared/snapshot.js'
import { FACILITATION_MAP_NAME, TIMER_KEY } from '../../shared/facilitation.js'
import { VOTING_STATE_KEY } from '../../shared/voting.js'
import type { Room } from '../rooms/Room.js'
import { type Logger, STORAGE_ORIGIN } from '../rooms/types.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

export interface SnapshotServiceOptions {
  storage: BoardStorage
  logger: Logger
  /** Quiet time after the last change before a snapshot is taken. */
  debounceMs: number
  /** Longest a changing board goes without a fresh snapshot. */
  maxWaitMs: number
}

/** A snapshot as JSON (what is served and stored), with the object when it was built here. */
interface SnapshotEntry {
  json: string
  snapshot?: BoardSnapshot
}

interface Built {
  json: string
  snapshot: BoardSnapshot
  /** The room's stored seq when it was built: the snapshot holds at least the log through it. */
  builtFromSeq: number
}

interface Tracked {
  /** Updates were stored since `latest` was built. */
  dirty: boolean
  /** `latest` is not in storage yet (a GET built it, or saving failed). */
  unsaved: boolean
  firstChangeAt: number
  lastChangeAt: number
  timer: NodeJS.Timeout | null
  latest: Built | null
  building: Promise<Built> | null
}

/**
 * Keeps every loaded board's BoardSnapshot up to date and stored. It learns of changes from the
 * room's log once they are durable, and stores a snapshot a moment after changes stop (never on
 * each keystroke) and when the room closes. Reading a snapshot never writes to storage.
 */
export class SnapshotService {
  private readonly tracked = new Map<Room, Tracked>()
  /** Rooms whose background snapshot is due, built one per turn of the event loop. */
  private readonly due = new Set<Room>()
  private draining = false

  constructor(private readonly options: SnapshotServiceOptions) {}

  /** Starts following a room's stored changes; stops by itself when the room closes. */
  attach(room: Room): void {
    const state: Tracked = {
      dirty: false,
      unsaved: false,
      firstChangeAt: 0,
      lastChangeAt: 0,
      timer: null,
      latest: null,
      building: null,
    }
    this.tracked.set(room, state)
    const stopFollowing = room.onStored(() => {
      const now = Date.now()
      if (!state.dirty) state.firstChangeAt = now
      state.lastChangeAt = now
      state.dirty = true
      // One timer per burst of changes, not one per keystroke.
      if (!state.timer) this.schedule(room, state)
    })
    room.onBeforeClose(async () => {
      stopFollowing()
      if (state.timer) clearTimeout(state.timer)
      this.due.delete(room)
      // An unchanged board's stored snapshot is still current.
      await this.store(room, state).catch(() => {})
      this.tracked.delete(room)
    })
  }

  /** Fires `debounceMs` after the last change, or `maxWaitMs` after the first, whichever is sooner. */
  private schedule(room: Room, state: Tracked): void {
    const now = Date.now()
    const quietAt = state.lastChangeAt + this.options.debounceMs
    const deadline = state.firstChangeAt + this.options.maxWaitMs
    state.timer = setTimeout(
      () => {
        state.timer = null
        const firedAt = Date.now()
        if (firedAt < state.lastChangeAt + this.options.debounceMs && firedAt < deadline) this.schedule(room, state)
        else this.enqueue(room)
      },
      Math.max(0, Math.min(quietAt, deadline) - now),
    )
    state.timer.unref()
  }

  /**
   * Boards that started changing together fall due together (e.g. hundreds of boards rejoined
   * after a restart): built all in one go they stalled every board's sync for over 100 ms, so
   * background builds queue and each waits for the event loop to have handled what came in.
   */
  private enqueue(room: Room): void {
    this.due.add(room)
    if (this.draining) return
    this.draining = true
    setImmediate(this.buildNextDue)
  }

  private readonly buildNextDue = (): void => {
    const [room] = this.due
    if (!room) {
      this.draining = false
      return
    }
    this.due.delete(room)
    const state = this.tracked.get(room)
    const stored = state ? this.store(room, state).catch(() => {}) : Promise.resolve()
    void stored.then(() => setImmediate(this.buildNextDue))
  }

  /** Brings the stored snapshot up to date: rebuilt if the room changed, saved if not yet saved. */
  private async store(room: Room, state: Tracked): Promise<void> {
    if (state.dirty) await this.rebuild(room, state)
    const latest = state.latest
    if (!state.unsaved || !latest) return
    state.unsaved = false
    try {
      await this.options.storage.saveSnapshot(room.boardId, { json: latest.json, builtFromSeq: latest.builtFromSeq })
      // Stored, it is served from storage: hundreds of loaded boards need not each hold theirs.
      if (state.latest === latest && !state.dirty) state.latest = null
    } catch (error) {
      if (state.latest === latest) state.unsaved = true
      this.options.logger.error({ boardId: room.boardId, err: error }, 'storing a snapshot failed')
      throw error
    }
  }

  /** Builds the room's snapshot in memory, one build at a time; the background saves it. */
  private rebuild(room: Room, state: Tracked): Promise<Built> {
    if (state.building) return state.building.then(() => (state.dirty ? this.rebuild(room, state) : state.latest!))
    state.dirty = false
    state.building = this.buildFromRoom(room)
      .then((built) => {
        state.latest = built
        state.unsaved = true
        return built
      })
      .catch((error) => {
        state.dirty = true
        this.options.logger.error({ boardId: room.boardId, err: error }, 'taking a snapshot failed')
        throw error
      })
      .finally(() => {
        state.building = null
      })
    return state.building
  }

  private async buildFromRoom(room: Room): Promise<Built> {
    const board = await this.boardOf(room.boardId)
    const builtFromSeq = room.storedSeq
    const snapshot = buildBoardSnapshot({
      board,
      records: room.readRecords(),
      takenAt: new Date(),
      voting: room.readServerValue(VOTING_STATE_KEY),
      timer: room.readServerValue(TIMER_KEY),
    })
    return { snapshot, json: JSON.stringify(snapshot), builtFromSeq }
  }

  private async boardOf(boardId: string): Promise<BoardSnapshot['board']> {
    const stored = await this.options.storage.getBoard(boardId)
    if (!stored) throw new Error(`board ${boardId} is not in storage`)
    const { id, title, template, language } = stored.board
    return { id, title, template, language }
  }

  /**
   * The board's snapshot as of now, as the JSON to serve (stored snapshots as they were stored):
   * from the loaded room (built if it changed), else the stored one if the log has not gone on
   * past it, else built in memory from the stored log. Never writes.
   */
  async currentJson(boardId: string, room: Room | undefined): Promise<string> {
    return (await this.currentEntry(boardId, room)).json
  }

  /** Like `currentJson`, as an object; a stored snapshot is parsed but not validated again. */
  async current(boardId: string, room: Room | undefined): Promise<BoardSnapshot> {
    const entry = await this.currentEntry(boardId, room)
    return entry.snapshot ?? parseTrustedSnapshot(entry.json)
  }

  private async currentEntry(boardId: string, room: Room | undefined): Promise<SnapshotEntry> {
    const state = room && this.tracked.get(room)
    if (room && state) {
      if (state.dirty) return this.rebuild(room, state)
      if (state.latest) return state.latest
      const stored = await this.upToDateStored(boardId, room.storedSeq)
      // Checked again: the room may have stored changes while the snapshot was being read.
      if (stored && !state.dirty) return stored
      return this.rebuild(room, state)
    }
    const stored = await this.upToDateStored(boardId, await this.options.storage.lastSeq(boardId))
    return stored ?? this.buildFromStorage(boardId)
  }

  /** The stored snapshot if it holds the log through `lastSeq` and has today's schema. */
  private async upToDateStored(boardId: string, lastSeq: number): Promise<SnapshotEntry | null> {
    const stored = await this.options.storage.loadSnapshot(boardId)
    if (!stored || stored.builtFromSeq < lastSeq || !hasCurrentSchema(stored.json)) return null
    return { json: stored.json }
  }

  /** An unloaded board whose stored snapshot is missing or behind (e.g. after a crash): built, not stored. */
  private async buildFromStorage(boardId: string): Promise<Built> {
    const board = await this.boardOf(boardId)
    const { updates, lastSeq } = await this.options.storage.loadUpdates(boardId)
    const doc = new Y.Doc()
    try {
      applyStoredLog(doc, updates, STORAGE_ORIGIN, ({ index, error }) =>
        this.options.logger.error({ boardId, index, err: error }, 'snapshot: stored update did not apply'),
      )
      const snapshot = buildBoardSnapshot({
        board,
        records: readBoardRecords(doc),
        takenAt: new Date(),
        voting: doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY),
        timer: doc.getMap(FACILITATION_MAP_NAME).get(TIMER_KEY),
      })
      return { snapshot, json: JSON.stringify(snapshot), builtFromSeq: lastSeq }
    } finally {
      doc.destroy()
    }
  }
}

/**
 * buildBoardSnapshot writes `schemaVersion` first; a snapshot stored under another version is
 * rebuilt rather than served.
 */
function hasCurrentSchema(json: string): boolean {
  return json.startsWith(`{"schemaVersion":${SNAPSHOT_SCHEMA_VERSION},`)
}

/** The server wrote this JSON from a validated BoardSnapshot, so it is not validated again. */
function parseTrustedSnapshot(json: string): BoardSnapshot {
  const snapshot: BoardSnapshot = JSON.parse(json)
  return snapshot
}
