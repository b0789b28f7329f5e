/**
 * Codec for the y-websocket wire protocol (y-protocols PROTOCOL.md): pure functions, no state.
 * A frame is a varUint message type followed by its payload.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }

export class ProtocolError extends Error {}

/**
 * Decodes one client frame. Throws ProtocolError for truncated or unknown frames and for
 * document updates that are not valid Yjs updates, so the caller never applies garbage.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const messageType = decoding.readVarUint(decoder)
    switch (messageType) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === SyncType.step1) {
          Y.decodeStateVector(payload)
          return { kind: 'syncStep1', stateVector: payload }
        }
        if (syncType === SyncType.step2 || syncType === SyncType.update) {
          // Decoding the whole update up front means a malformed one is refused before it
          // can touch the document.
          checkDeleteSet(Y.decodeUpdate(payload).ds)
          return { kind: syncType === SyncType.step2 ? 'syncStep2' : 'update', update: payload }
        }
        throw new ProtocolError(`unknown sync message type ${syncType}`)
      }
      case MessageType.awareness:
        // Its entries are checked by readFreshAwareness, which knows which ones are news.
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MessageType.queryAwareness:
        return { kind: 'queryAwareness' }
      default:
        throw new ProtocolError(`unknown message type ${messageType}`)
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`)
  }
}

/**
 * Yjs reads a deletion of length 0 without complaint but throws while applying it, after the
 * update's items are already in the document (found by tests/server/frameFuzz.test.ts): refuse
 * such deletions before anything is applied.
 */
function checkDeleteSet(deleteSet: ReturnType<typeof Y.decodeUpdate>['ds']): void {
  for (const items of deleteSet.clients.values()) {
    for (const { clock, len } of items) {
      if (!(len > 0) || !Number.isSafeInteger(clock + len)) throw new ProtocolError('malformed delete set')
    }
  }
}

function frame(messageType: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageType)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: our state vector, asking the peer for what we lack. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame(MessageType.sync, (encoder) => {
    encoding.writeVarUint(encoder, SyncType.step1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  })
}

/** Sync step 2: everything in `doc` that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (encoder) => {
    encoding.writeVarUint(encoder, SyncType.step2)
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  })
}

export function encodeDocumentUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (encoder) => {
    encoding.writeVarUint(encoder, SyncType.update)
    encoding.writeVarUint8Array(encoder, update)
  })
}

export function encodeAwarenessUpdate(awarenessUpdate: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessUpdate))
}
