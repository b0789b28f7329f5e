import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

export interface SyncProviderOptions {
  token: string
  /** The participant secret this device registered, binding the connection to that person. */
  participant?: string | null
  /** Decides after each close whether to try again (e.g. not after "unknown board"). */
  shouldReconnect?: (event: CloseEvent) => boolean
  /** For Node (the benchmark's load generator), which has no global WebSocket to rely on. */
  WebSocketPolyfill?: typeof WebSocket
}

/**
 * The y-websocket provider the way our client uses it: every update goes through the server (no
 * BroadcastChannel, so a viewer tab never learns edits the server would refuse), and it does no
 * work for what it receives beyond applying it: only this client's own awareness changes are
 * sent, and received document updates are not re-encoded.
 *
 * Stock y-websocket 3 sends every awareness change to the server, including the cursors it has
 * just *received* and the states it timed out: in a room of 100 people each cursor move came
 * back 99 times, which cost the server and every client far more than the moves themselves.
 * The server already forwards received states and removes those of closed connections.
 */
export function createSyncProvider(
  serverUrl: string,
  boardId: string,
  doc: Y.Doc,
  options: SyncProviderOptions,
): WebsocketProvider {
  const provider = new WebsocketProvider(serverUrl, boardId, doc, {
    params: { token: options.token, ...(options.participant ? { participant: options.participant } : {}) },
    disableBc: true,
    ...(options.shouldReconnect ? { shouldReconnect: options.shouldReconnect } : {}),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  })
  const sendAwareness = provider._awarenessUpdateHandler
  provider.awareness.off('update', sendAwareness)
  const sendOwnAwareness: typeof sendAwareness = (changes, origin) => {
    if (origin === provider || origin === 'timeout') return
    sendAwareness(changes, origin)
  }
  provider.awareness.on('update', sendOwnAwareness)

  // Yjs encodes a transaction's update only when someone listens to 'update', and it checks
  // right after 'afterTransactionCleanup'. The provider only sends updates made here, so it
  // listens only around those: a received update is not encoded again just to be ignored,
  // which was a fifth of a client's work in a busy room.
  const sendDocumentUpdate = provider._updateHandler
  doc.off('update', sendDocumentUpdate)
  const listenForLocalUpdates = (transaction: Y.Transaction) => {
    if (transaction.origin === provider) doc.off('update', sendDocumentUpdate)
    else doc.on('update', sendDocumentUpdate)
  }
  doc.on('afterTransactionCleanup', listenForLocalUpdates)

  const destroy = provider.destroy.bind(provider)
  provider.destroy = () => {
    provider.awareness.off('update', sendOwnAwareness)
    doc.off('afterTransactionCleanup', listenForLocalUpdates)
    destroy()
  }
  return provider
}
