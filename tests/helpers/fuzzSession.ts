import { CloseCode } from '../../shared/closeCodes.js'
import { type FuzzFrame, type FuzzKind, fuzzFrames } from './frameFuzzer.js'
import { seededRandom } from './random.js'
import { openRawSocket, type RawSocket } from './rawSocket.js'

/** Closes a fuzzed connection may get: its frame was refused, too big, or it sent too much. */
export const EXPECTED_FUZZ_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.badMessage,
  CloseCode.messageTooBig,
  CloseCode.rateLimited,
])

export interface FuzzFinding {
  seed: number
  index: number
  kind: FuzzKind
  bytes: number
  /** The close the server answered with, or 'no answer' when it went silent. */
  outcome: { code: number; reason: string } | 'no answer'
  frameHex: string
}

export interface FuzzOutcome {
  seed: number
  sent: number
  /** How many frames of each kind were sent, and the closes they got (by code). */
  kinds: Partial<Record<FuzzKind, number>>
  closes: Record<number, number>
  findings: FuzzFinding[]
}

const QUERY_AWARENESS = Uint8Array.from([3])
/** RFC 6455: the connection ended without a close frame. */
const ABNORMAL_CLOSURE = 1006

/**
 * Sends seed `seed`'s frames to one board, one at a time: each is followed by a query-awareness
 * frame, whose answer (or a close) says the server has handled it. A closed connection is opened
 * again (with the edit link mostly, the view link sometimes). Any close outside
 * EXPECTED_FUZZ_CLOSES, and any silence longer than `answerTimeoutMs`, is a finding.
 * `throughIndex` stops after that frame (to replay a pinned seed up to where it failed).
 */
export async function runFuzzSeed(options: {
  syncUrl: string
  boardId: string
  tokens: { edit: string; view: string }
  seed: number
  count: number
  maxMessageBytes?: number
  throughIndex?: number
  answerTimeoutMs?: number
}): Promise<FuzzOutcome> {
  const { syncUrl, boardId, tokens, seed } = options
  // Its own random source, so which link is used does not change the frames.
  const links = seededRandom(seed ^ 0x5eed)
  const outcome: FuzzOutcome = { seed, sent: 0, kinds: {}, closes: {}, findings: [] }
  let raw: RawSocket | null = null
  let closed: { code: number; reason: string } | null = null

  const open = async () => {
    const token = links.next() < 0.8 ? tokens.edit : tokens.view
    raw = await openRawSocket(`${syncUrl}/${boardId}?token=${token}`)
    closed = null
    void raw.closed.then((close) => {
      closed = close
    })
    await until(() => raw!.frames.length > 0 || closed !== null, options.answerTimeoutMs ?? 5_000)
  }

  const maxMessageBytes = options.maxMessageBytes ?? 2 * 1024 * 1024
  const expected = (frame: FuzzFrame, code: number) =>
    EXPECTED_FUZZ_CLOSES.has(code) ||
    // Past the frame limit ws closes 1009 and may drop the TCP connection while this side is
    // still writing, so the close frame never arrives.
    (code === ABNORMAL_CLOSURE && frame.frame.byteLength > maxMessageBytes)
  const record = (frame: FuzzFrame, result: { code: number; reason: string } | 'no answer') => {
    if (result !== 'no answer') outcome.closes[result.code] = (outcome.closes[result.code] ?? 0) + 1
    if (result === 'no answer' || !expected(frame, result.code)) {
      outcome.findings.push({
        seed,
        index: frame.index,
        kind: frame.kind,
        bytes: frame.frame.byteLength,
        outcome: result,
        frameHex: Buffer.from(frame.frame.subarray(0, 256)).toString('hex'),
      })
    }
  }

  try {
    for (const frame of fuzzFrames(seed, options.count, options.maxMessageBytes)) {
      if (options.throughIndex !== undefined && frame.index > options.throughIndex) break
      if (!raw || closed !== null) await open()
      const socket: RawSocket = raw!
      if (closed !== null) {
        record(frame, closed)
        continue
      }
      const before = socket.frames.length
      socket.socket.send(frame.frame)
      socket.socket.send(QUERY_AWARENESS)
      outcome.sent++
      outcome.kinds[frame.kind] = (outcome.kinds[frame.kind] ?? 0) + 1
      // Past the frame limit the answer is a close, whatever else the server sends meanwhile
      // (other people's edits): wait for it, or it is taken for the next frame's.
      const oversized = frame.frame.byteLength > maxMessageBytes
      const answered = await until(
        () => (!oversized && socket.frames.length > before) || closed !== null,
        options.answerTimeoutMs ?? 5_000,
      )
      if (closed !== null) record(frame, closed)
      else if (!answered) {
        record(frame, 'no answer')
        socket.socket.terminate()
        raw = null
      }
    }
  } finally {
    ;(raw as RawSocket | null)?.socket.terminate()
  }
  return outcome
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) return false
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  return true
}
