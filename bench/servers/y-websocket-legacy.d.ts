/** The parts of y-websocket 1.5.4's reference server (bin/utils.js, CommonJS, untyped) the benchmark uses. */
declare module 'y-websocket-legacy/bin/utils' {
  import type { IncomingMessage } from 'node:http'
  import type { WebSocket } from 'ws'
  import type * as Y from 'yjs'

  export function setupWSConnection(
    conn: WebSocket,
    req: IncomingMessage,
    options?: { docName?: string; gc?: boolean },
  ): void
  export const docs: Map<string, Y.Doc & { conns: Map<WebSocket, Set<number>> }>
  export function getPersistence(): { provider: { destroy(): Promise<void>; tr: Promise<unknown> } } | null
}
