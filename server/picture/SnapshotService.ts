import * as Y from 'yjs'
import { readBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot, buildBoardSnapshot } from '../../shared/snapshot.js'
import type { Room } from '../rooms/Room.js'
import type { Logger } from '../rooms/types.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

export interface SnapshotServiceOptions {
  storage: BoardStorage
  logger: Logger
  /** Quiet time after the last change before a snapshot is taken. */
  debounceMs: number
  /** Longest a changing board goes without a fresh snapshot. */
  maxWaitMs: number
}

interface Tracked {
  dirty: boolean
  firstChangeAt: number
  lastChangeAt: number
  timer: NodeJS.Timeout | null
  latest: BoardSnapshot | null
  building: Promise<BoardSnapshot> | null
}

/**
 * Keeps every loaded board's BoardSnapshot up to date and stored: a snapshot is built a moment
 * after changes stop (never on each keystroke), when asked for while stale, and when the room
 * closes.
 */
export class SnapshotService {
  private readonly tracked = new Map<Room, Tracked>()
  /** Rooms whose background snapshot is due, built one per turn of the event loop. */
  private readonly due = new Set<Room>()
  private draining = false

  constructor(private readonly options: SnapshotServiceOptions) {}

  /** Starts following a room's changes; stops by itself when the room closes. */
  attach(room: Room): void {
    const state: Tracked = { dirty: false, firstChangeAt: 0, lastChangeAt: 0, timer: null, latest: null, building: null }
    this.tracked.set(room, state)
    const onUpdate = () => {
      const now = Date.now()
      if (!state.dirty) state.firstChangeAt = now
      state.lastChangeAt = now
      state.dirty = true
      // One timer per burst of changes, not one per keystroke.
      if (!state.timer) this.schedule(room, state)
    }
    room.doc.on('update', onUpdate)
    room.onBeforeClose(async () => {
      room.doc.off('update', onUpdate)
      if (state.timer) clearTimeout(state.timer)
      this.due.delete(room)
      // An unchanged board's stored snapshot is still current.
      if (state.dirty) await this.refresh(room, state).catch(() => {})
      this.tracked.delete(room)
    })
  }

  /** Fires `debounceMs` after the last change, or `maxWaitMs` after the first, whichever is sooner. */
  private schedule(room: Room, state: Tracked): void {
    const now = Date.now()
    const quietAt = state.lastChangeAt + this.options.debounceMs
    const deadline = state.firstChangeAt + this.options.maxWaitMs
    state.timer = setTimeout(() => {
      state.timer = null
      const firedAt = Date.now()
      if (firedAt < state.lastChangeAt + this.options.debounceMs && firedAt < deadline) this.schedule(room, state)
      else this.enqueue(room)
    }, Math.max(0, Math.min(quietAt, deadline) - now))
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
    const built = state?.dirty ? this.refresh(room, state).catch(() => {}) : Promise.resolve()
    void built.then(() => setImmediate(this.buildNextDue))
  }

  private refresh(room: Room, state: Tracked): Promise<BoardSnapshot> {
    if (state.building) return state.building.then(() => (state.dirty ? this.refresh(room, state) : state.latest!))
    state.dirty = false
    state.building = this.build(room)
      .then(async (snapshot) => {
        state.latest = snapshot
        await this.options.storage.saveSnapshot(room.boardId, JSON.stringify(snapshot))
        return snapshot
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

  private async build(room: Room): Promise<BoardSnapshot> {
    const stored = await this.options.storage.getBoard(room.boardId)
    if (!stored) throw new Error(`board ${room.boardId} is not in storage`)
    const { id, title, template, language } = stored.board
    return buildBoardSnapshot({
      board: { id, title, template, language },
      records: room.readRecords(),
      takenAt: new Date(),
    })
  }

  /**
   * The board's snapshot as of now: from the loaded room (refreshed if it changed), else the
   * stored one, else built from the stored document.
   */
  async current(boardId: string, room: Room | undefined): Promise<BoardSnapshot> {
    if (room) {
      const state = this.tracked.get(room)
      if (state) {
        if (state.dirty || !state.latest) {
          if (state.timer) clearTimeout(state.timer)
          state.timer = null
          return this.refresh(room, state)
        }
        return state.latest
      }
    }
    const storedJson = await this.options.storage.loadSnapshot(boardId)
    if (storedJson) {
      const parsed = BoardSnapshot.safeParse(JSON.parse(storedJson))
      if (parsed.success) return parsed.data
    }
    return this.buildFromStorage(boardId)
  }

  private async buildFromStorage(boardId: string): Promise<BoardSnapshot> {
    const stored = await this.options.storage.getBoard(boardId)
    if (!stored) throw new Error(`board ${boardId} is not in storage`)
    const doc = new Y.Doc()
    for (const update of (await this.options.storage.loadUpdates(boardId)).updates) Y.applyUpdate(doc, update)
    const { id, title, template, language } = stored.board
    const snapshot = buildBoardSnapshot({
      board: { id, title, template, language },
      records: readBoardRecords(doc),
      takenAt: new Date(),
    })
    doc.destroy()
    await this.options.storage.saveSnapshot(boardId, JSON.stringify(snapshot))
    return snapshot
  }
}
