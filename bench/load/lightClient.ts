/**
 * A receiving client that speaks just enough of the y-websocket protocol to stay in a room and
 * read the bench's stamps, without a Y.Doc: it answers the server's sync step 1 with an empty
 * step 2, asks for the document with an empty step 1, ignores awareness, and scans sync step 2
 * and update frames for the stamps that the writers put in record meta. One machine can hold a
 * thousand of these, so the hot room measures the server, not the clients' Yjs work.
 *
 * Hocuspocus speaks the same messages behind a document-name prefix, and wants an
 * authentication message first; it also closes a connection that sends nothing for 30 s.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import type { BoardRef, Target } from '../ipc.js'
import type { Stamp } from '../workload.js'

const MESSAGE_SYNC = 0
const MESSAGE_AUTH = 2
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2
/** Hocuspocus's auth sub-type for "here is my token". */
const HOCUSPOCUS_AUTH_TOKEN = 0
const HOCUSPOCUS_AWARENESS = 1
const HOCUSPOCUS_KEEPALIVE_MS = 10_000

/**
 * How a stamp sits in a Yjs update: the meta key "bench" (lib0 varString: length 5, then its
 * bytes), followed by an object (lib0 any type 118) of three entries {c, s, t}.
 */
const STAMP_MARKER = Uint8Array.from([5, ...Buffer.from('bench'), 118, 3])
/** An empty Yjs update: no structs, no deletions. */
const EMPTY_UPDATE = Uint8Array.from([0, 0])
/** An empty state vector: "send me everything". */
const EMPTY_STATE_VECTOR = Uint8Array.from([0])

/** Every stamp in a Yjs update (v1 encoding), in the order they appear. */
export function stampsInUpdate(update: Uint8Array): Stamp[] {
  const stamps: Stamp[] = []
  const buffer = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
  let at = buffer.indexOf(STAMP_MARKER)
  while (at >= 0) {
    const decoder = decoding.createDecoder(update)
    decoder.pos = at + STAMP_MARKER.length - 2
    const value = decoding.readAny(decoder) as Partial<Stamp> | null
    if (value && typeof value.c === 'number' && typeof value.s === 'number' && typeof value.t === 'number') {
      stamps.push({ c: value.c, s: value.s, t: value.t })
    }
    at = buffer.indexOf(STAMP_MARKER, at + STAMP_MARKER.length)
  }
  return stamps
}

export interface LightClient {
  /** True once the server has sent its document (sync step 2). */
  isSynced(): boolean
  destroy(): void
}

/** The websocket URL a server's own client library would open for `board`. */
function socketUrl(target: Target, board: BoardRef): string {
  switch (target.client) {
    case 'tilannekuva':
    case 'y-websocket':
      return `${target.url}/${encodeURIComponent(board.id)}?token=${encodeURIComponent(board.token)}`
    case 'hocuspocus':
      return target.url
    default: {
      const never: never = target.client
      throw new Error(`unknown client ${String(never)}`)
    }
  }
}

/** Connects a light receiver; `onStamps` gets the stamps of every document frame as it arrives. */
export function connectLightClient(target: Target, board: BoardRef, onStamps: (stamps: Stamp[]) => void): LightClient {
  const prefixed = target.client === 'hocuspocus'
  const socket = new WebSocket(socketUrl(target, board))
  socket.binaryType = 'nodebuffer'
  let synced = false
  let keepAlive: NodeJS.Timeout | undefined

  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    if (prefixed) encoding.writeVarString(encoder, board.id)
    write(encoder)
    if (socket.readyState === WebSocket.OPEN) socket.send(encoding.toUint8Array(encoder))
  }
  const sendStep1 = () =>
    send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, SYNC_STEP_1)
      encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR)
    })

  socket.on('open', () => {
    if (prefixed) {
      send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_AUTH)
        encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN)
        encoding.writeVarString(encoder, board.token)
      })
      // An awareness update with no entries: traffic that changes nothing, so the server's idle
      // timeout does not close a client that only listens.
      keepAlive = setInterval(
        () =>
          send((encoder) => {
            encoding.writeVarUint(encoder, HOCUSPOCUS_AWARENESS)
            encoding.writeVarUint8Array(encoder, Uint8Array.from([0]))
          }),
        HOCUSPOCUS_KEEPALIVE_MS,
      )
    }
    sendStep1()
  })
  socket.on('message', (data: Buffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (prefixed) decoding.readVarString(decoder)
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
      const kind = decoding.readVarUint(decoder)
      if (kind === SYNC_STEP_1) {
        send((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          encoding.writeVarUint(encoder, SYNC_STEP_2)
          encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
        })
        return
      }
      if (kind !== SYNC_STEP_2 && kind !== SYNC_UPDATE) return
      const update = decoding.readVarUint8Array(decoder)
      if (kind === SYNC_STEP_2) synced = true
      const stamps = stampsInUpdate(update)
      if (stamps.length > 0) onStamps(stamps)
    } catch {
      // A frame this client cannot read carries no stamp it could credit: the update counts as lost.
    }
  })
  socket.on('close', () => clearInterval(keepAlive))
  socket.on('error', () => undefined)
  return {
    isSynced: () => synced,
    destroy() {
      clearInterval(keepAlive)
      socket.terminate()
    },
  }
}
