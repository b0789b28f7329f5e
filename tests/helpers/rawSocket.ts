import { WebSocket } from 'ws'

export interface RawSocket {
  socket: WebSocket
  frames: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}

/**
 * A bare websocket to the sync endpoint, for sending frames no well-behaved client would.
 * `headers` go with the upgrade request (e.g. X-Forwarded-For).
 */
export function openRawSocket(url: string, headers?: Record<string, string>): Promise<RawSocket> {
  const socket = new WebSocket(url, headers ? { headers } : undefined)
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames, closed }))
    socket.once('error', reject)
  })
}
