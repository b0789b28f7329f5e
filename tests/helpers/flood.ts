import * as Y from 'yjs'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { encodeDocumentUpdate } from '../../server/sync/protocol.js'
import { openRawSocket } from './rawSocket.js'
import { noteRecord } from './records.js'

/** Frames that each add one note of about `noteBytes` (valid updates, in order, from one client). */
export function noteFrames(count: number, noteBytes: number, prefix: string): Uint8Array[] {
  const doc = new Y.Doc()
  const frames: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => frames.push(encodeDocumentUpdate(update)))
  const records = openBoardRecords(doc)
  const text = 'x'.repeat(Math.max(0, noteBytes - 600))
  for (let i = 0; i < count; i++) records.set(`shape:${prefix}${i}`, noteRecord(`${prefix}${i}`, `${i} ${text}`))
  doc.destroy()
  return frames
}

export interface Percentiles {
  count: number
  p50: number
  p99: number
  max: number
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 }
}

export interface FloodResult {
  sentFrames: number
  sentBytes: number
  seconds: number
  /** The close the flooder got, if the server closed it. */
  closed: { code: number; reason: string } | null
  /** GET /api/health round trips during the flood, ms (a timed-out one counts as its timeout). */
  health: Percentiles
  /** Health requests that failed or did not answer 200. */
  healthFailures: number
}

/**
 * One editor's socket sends `frames` at `bytesPerSecond` (paced every 10 ms; null: all at once,
 * as fast as the socket takes them) while /api/health is asked every 50 ms. Resolves when every
 * frame is sent (or the socket is closed), the server closed it or `closeWithinMs` passed, and
 * `settleMs` more have passed.
 */
export async function floodWhileProbingHealth(options: {
  url: string
  socketUrl: string
  frames: readonly Uint8Array[]
  bytesPerSecond: number | null
  settleMs?: number
  /** After sending, how long to wait for the server to close the socket before settling. */
  closeWithinMs?: number
  healthTimeoutMs?: number
}): Promise<FloodResult> {
  const raw = await openRawSocket(options.socketUrl)
  let closed: FloodResult['closed'] = null
  void raw.closed.then((close) => {
    closed = close
  })
  const healthMs: number[] = []
  let healthFailures = 0
  let probing = true
  const timeoutMs = options.healthTimeoutMs ?? 5_000
  const probe = (async () => {
    while (probing) {
      const started = performance.now()
      try {
        const response = await fetch(`${options.url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) })
        await response.arrayBuffer()
        if (response.status !== 200) healthFailures++
      } catch {
        healthFailures++
      }
      healthMs.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  const started = performance.now()
  let sentFrames = 0
  let sentBytes = 0
  const { frames, bytesPerSecond } = options
  while (sentFrames < frames.length && closed === null) {
    const allowed =
      bytesPerSecond === null ? Number.POSITIVE_INFINITY : ((performance.now() - started) * bytesPerSecond) / 1000
    while (sentFrames < frames.length && sentBytes + frames[sentFrames]!.byteLength <= allowed && closed === null) {
      const frame = frames[sentFrames++]!
      raw.socket.send(frame)
      sentBytes += frame.byteLength
    }
    await new Promise((resolve) => setTimeout(resolve, bytesPerSecond === null ? 0 : 10))
  }
  const seconds = (performance.now() - started) / 1000
  // A socket's frames may still be on their way to the server, which may yet close it.
  const waitUntil = performance.now() + (options.closeWithinMs ?? 0)
  while (closed === null && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20))
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 1_000))
  probing = false
  await probe
  raw.socket.terminate()
  return { sentFrames, sentBytes, seconds, closed, health: percentiles(healthMs), healthFailures }
}
