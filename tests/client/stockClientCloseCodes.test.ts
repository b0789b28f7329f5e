import { expect, test } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode, type CloseCodeName, CloseReason, PERMANENT_CLOSE_CODES } from '../../shared/closeCodes.js'

/**
 * What a stock y-websocket 3 provider does when the server closes its first connection with
 * `code`: 'stopped' (it emits 'closed' and gives up) or 'reconnected' (a second connection arrives).
 */
async function stockClientAfterClose(code: number, reason: string): Promise<'stopped' | 'reconnected'> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  let connections = 0
  let provider: WebsocketProvider | null = null
  const outcome = new Promise<'stopped' | 'reconnected'>((resolve) => {
    server.on('connection', (socket) => {
      connections++
      if (connections === 1) socket.close(code, reason)
      else resolve('reconnected')
    })
    provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, 'board', new Y.Doc(), {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    provider.on('closed', () => resolve('stopped'))
  })
  try {
    return await outcome
  } finally {
    provider!.destroy()
    server.close()
  }
}

// Before: rate-limited (4429) and message-too-big (4413) stopped stock clients for good.
test('a stock client reconnects after every retryable close code and stops only after permanent ones', async () => {
  const behaviour: Record<string, 'stopped' | 'reconnected'> = {}
  const expected: Record<string, 'stopped' | 'reconnected'> = {}
  for (const [name, code] of Object.entries(CloseCode) as [CloseCodeName, number][]) {
    behaviour[name] = await stockClientAfterClose(code, CloseReason[name])
    // badMessage is permanent for stock clients (4400) while ours retries: the one intended gap.
    expected[name] = PERMANENT_CLOSE_CODES.has(code) || name === 'badMessage' ? 'stopped' : 'reconnected'
  }
  expect(behaviour).toEqual(expected)
  expect(behaviour.rateLimited).toBe('reconnected')
  expect(behaviour.messageTooBig).toBe('reconnected')
  expect(behaviour.notSaving).toBe('reconnected')
})
