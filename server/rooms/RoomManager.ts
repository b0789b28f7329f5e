import type { BoardStorage } from '../storage/BoardStorage.js'
import { Room } from './Room.js'
import type { Logger } from './types.js'

export interface RoomManagerOptions {
  storage: BoardStorage
  logger: Logger
  /** How long an empty room stays loaded, in case someone comes back. */
  idleMs: number
  compactAfterUpdates: number
  /** Largest state a board may grow to (MAX_BOARD_BYTES); 0 for no limit. */
  maxBoardBytes?: number
  /** Called once for each room as it loads, before anyone connects (e.g. to follow its changes). */
  onRoomLoaded?: (room: Room) => void
  /** Awaited before a room closes, while it still takes writes (e.g. results waiting for their batch). */
  onRoomClosing?: (room: Room) => Promise<void>
}

/**
 * Loads each board's room once, however many clients arrive at the same moment, and evicts it
 * some time after the last one leaves — only after its last write has completed.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly evictionTimers = new Map<string, NodeJS.Timeout>()
  /** Rooms being closed; a new request for the board waits for this before loading again. */
  private readonly closing = new Map<string, Promise<void>>()
  private shuttingDown = false

  constructor(private readonly options: RoomManagerOptions) {}

  get loadedCount(): number {
    return this.rooms.size
  }

  /** The room for a board, loading it if needed. The caller must know the board exists. */
  async getRoom(boardId: string): Promise<Room> {
    if (this.shuttingDown) throw new Error('server is shutting down')
    this.cancelEviction(boardId)
    const existing = this.rooms.get(boardId)
    if (existing) return existing
    const loading = this.load(boardId)
    this.rooms.set(boardId, loading)
    loading.catch(() => {
      if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId)
    })
    return loading
  }

  private async load(boardId: string): Promise<Room> {
    const closing = this.closing.get(boardId)
    if (closing) await closing
    const room = await Room.load(boardId, {
      storage: this.options.storage,
      logger: this.options.logger,
      compactAfterUpdates: this.options.compactAfterUpdates,
      maxBoardBytes: this.options.maxBoardBytes ?? 0,
      onEmpty: (emptyRoom) => this.scheduleEviction(emptyRoom),
    })
    this.options.onRoomLoaded?.(room)
    this.options.logger.debug({ boardId }, 'room loaded')
    return room
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown
  }

  /** For a caller that got a room but will not connect to it: lets it be evicted when idle. */
  release(room: Room): void {
    if (room.connectionCount === 0) this.scheduleEviction(room)
  }

  /** The room if it is loaded (or loading), without loading it. */
  async peekLoaded(boardId: string): Promise<Room | undefined> {
    return this.rooms.get(boardId)?.catch(() => undefined)
  }

  private scheduleEviction(room: Room): void {
    if (this.shuttingDown) return
    this.cancelEviction(room.boardId)
    const timer = setTimeout(() => void this.evict(room), this.options.idleMs)
    timer.unref()
    this.evictionTimers.set(room.boardId, timer)
  }

  private cancelEviction(boardId: string): void {
    const timer = this.evictionTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.evictionTimers.delete(boardId)
  }

  private async evict(room: Room): Promise<void> {
    this.evictionTimers.delete(room.boardId)
    if (room.connectionCount > 0) return
    this.rooms.delete(room.boardId)
    const closing = this.closeRoom(room)
      .catch((error) => this.options.logger.error({ boardId: room.boardId, err: error }, 'closing room failed'))
      .finally(() => this.closing.delete(room.boardId))
    this.closing.set(room.boardId, closing)
    await closing
    this.options.logger.debug({ boardId: room.boardId }, 'room evicted')
  }

  private async closeRoom(room: Room): Promise<void> {
    try {
      await this.options.onRoomClosing?.(room)
    } finally {
      await room.close()
    }
  }

  /** Closes every connection of every loaded room with `code`; returns how many. */
  async closeAllConnections(code: number, reason: string): Promise<number> {
    const rooms = await Promise.allSettled(this.rooms.values())
    let closed = 0
    for (const result of rooms) {
      if (result.status === 'fulfilled') closed += result.value.closeAllConnections(code, reason)
    }
    return closed
  }

  /** Evicts every empty room now (used by tests and benchmarks to measure load/evict cycles). */
  async evictIdle(): Promise<void> {
    const rooms = await Promise.allSettled(this.rooms.values())
    await Promise.all(
      rooms.flatMap((result) => {
        if (result.status !== 'fulfilled' || result.value.connectionCount > 0) return []
        this.cancelEviction(result.value.boardId)
        return [this.evict(result.value)]
      }),
    )
  }

  /** Stores and closes every room, telling clients the server is restarting. */
  async closeAll(): Promise<void> {
    this.shuttingDown = true
    for (const timer of this.evictionTimers.values()) clearTimeout(timer)
    this.evictionTimers.clear()
    const rooms = await Promise.allSettled(this.rooms.values())
    this.rooms.clear()
    await Promise.all(
      rooms.map((result) =>
        result.status === 'fulfilled'
          ? this.closeRoom(result.value).catch((error) =>
              this.options.logger.error({ boardId: result.value.boardId, err: error }, 'closing room failed'),
            )
          : undefined,
      ),
    )
    await Promise.all(this.closing.values())
  }
}
