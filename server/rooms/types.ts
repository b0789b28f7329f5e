import type { Role } from '../../shared/api.js'
import type { Participant } from '../../shared/facilitation.js'

/** What a room needs of a client connection; the websocket route adapts a socket to this. */
export interface RoomConnection {
  readonly id: string
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

export interface Session {
  role: Role
  /** The person this connection belongs to (its `participant` secret), or null without one. */
  participant: Participant | null
}

/** The origin of every server-side Yjs transaction, so nothing is echoed or saved twice. */
export type UpdateOrigin = { kind: 'connection'; connection: RoomConnection } | { kind: 'storage' } | { kind: 'api' }

export const STORAGE_ORIGIN: UpdateOrigin = { kind: 'storage' }

export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}
