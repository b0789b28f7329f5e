import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getMetaMap, getRecordsArray } from '../../shared/boardDocument.js'

export interface YClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close events the provider saw, newest last. */
  closes: { code: number; reason: string }[]
  destroy(): void
}

/**
 * A stock y-websocket 3 client, as browsers use it, speaking to the server over a real socket.
 * `participant` is the device's participant secret (the `participant` query parameter).
 */
export function connectClient(
  syncUrl: string,
  boardId: string,
  token: string | null,
  doc = new Y.Doc(),
  { participant }: { participant?: string } = {},
): YClient {
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ...(token === null ? {} : { token }), ...(participant === undefined ? {} : { participant }) },
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closes: YClient['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when `predicate` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export function waitForSync(client: YClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, 'sync', timeoutMs)
}

/** True when both documents hold exactly the same board state (records and meta). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const content = (doc: Y.Doc) => JSON.stringify([getRecordsArray(doc).toJSON(), getMetaMap(doc).toJSON()])
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && content(a) === content(b)
}

/** Polls an async source until its value satisfies `accept`; returns that value. */
export async function waitForValue<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (accept(value)) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
