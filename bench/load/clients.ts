/**
 * One simulated collaborator: a Y.Doc synced by the client library of the server under test,
 * over a real websocket from the `ws` package: ours is the provider our browser client uses
 * (client/sync/syncProvider.ts), the reference server's is stock y-websocket 3, Hocuspocus's is
 * its HocuspocusProvider. Nothing else in the load generator differs between servers.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createSyncProvider } from '../../client/sync/syncProvider.js'
import type { BoardRef, Target } from '../ipc.js'

export interface BenchClient {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** True once the provider reports its first full sync with the server. */
  isSynced(): boolean
  destroy(): void
}

const WebSocketPolyfill = WebSocket as unknown as typeof globalThis.WebSocket

export function connectClient(target: Target, board: BoardRef): BenchClient {
  const doc = new Y.Doc()
  if (target.client === 'tilannekuva' || target.client === 'y-websocket') {
    const provider =
      target.client === 'tilannekuva'
        ? createSyncProvider(target.url, board.id, doc, { token: board.token, WebSocketPolyfill })
        : new WebsocketProvider(target.url, board.id, doc, {
            WebSocketPolyfill,
            params: { token: board.token },
            disableBc: true,
          })
    return {
      doc,
      awareness: provider.awareness,
      isSynced: () => provider.synced,
      destroy() {
        provider.destroy()
        doc.destroy()
      },
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: board.id,
    document: doc,
    token: board.token,
  })
  // A provider given its socket does not attach itself; this one owns its socket, as with `url`.
  provider.attach()
  const awareness = provider.awareness
  if (!awareness) throw new Error('hocuspocus provider has no awareness')
  return {
    doc,
    awareness,
    isSynced: () => provider.isSynced,
    destroy() {
      provider.destroy()
      socket.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when `predicate` holds (polled every 5 ms); rejects with `what` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
