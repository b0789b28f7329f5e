/**
 * Messages between the harness (bench/run.ts) and its child processes: one server under test
 * and one or more load generators. Requests carry an id; the child answers with a reply or an error.
 */

export const SERVER_NAMES = ['tilannekuva', 'hocuspocus', 'y-websocket'] as const
export type ServerName = (typeof SERVER_NAMES)[number]

/** Which client library talks to a server: everything else in the load generator is shared. */
export type ClientKind = 'tilannekuva' | 'y-websocket' | 'hocuspocus'

/** Where and how the load generator connects. */
export interface Target {
  server: ServerName
  client: ClientKind
  /** Base URL the client library expects (e.g. ws://127.0.0.1:PORT/sync for ours). */
  url: string
}

export interface BoardRef {
  id: string
  /** Edit token for ours; peers ignore it. */
  token: string
}

export interface ServerStats {
  /** Boards (documents) the server holds in memory. */
  loadedDocs: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}

/** How late the server's event loop ran timers since the last reset, in ms. */
export interface LoopDelay {
  p50: number
  p99: number
  max: number
}

export type ServerRequest =
  | { id: number; cmd: 'createBoards'; count: number }
  | { id: number; cmd: 'stats'; gc: boolean }
  | { id: number; cmd: 'loopDelay'; reset: boolean }
  | { id: number; cmd: 'heapSnapshot'; dir: string }
  | { id: number; cmd: 'stop' }

export type ServerMessage =
  | { type: 'ready'; pid: number; target: Target }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

/**
 * Step 1 of a traffic run, sent to each of `processCount` load generators: connect this process's
 * share of the clients (global slot i = board-major client number, taken when i % processCount ===
 * processIndex), place their notes, and wait until every client sees every participant's note.
 */
export interface TrafficJob {
  kind: 'traffic'
  target: Target
  boards: BoardRef[]
  clientsPerBoard: number
  /** Document updates per second per client. */
  docRate: number
  /** Awareness (cursor) updates per second per client. */
  awarenessRate: number
  /** Records on each board before the clients add their notes (from the seed job). */
  baseRecords: number
  seed: number
  processIndex: number
  processCount: number
  /**
   * The first this many clients of each board are full clients that write; the rest are light
   * receivers (bench/load/lightClient.ts) that only read. Absent: every client is full.
   */
  writersPerBoard?: number
}

export interface TrafficReady {
  /** Clients in this process. */
  clients: number
  /** From the start of connecting until every client here saw every participant's note. */
  connectMs: number
}

/**
 * Wall-clock epoch ms with sub-ms precision. All processes of a run (harness, load generators)
 * are on one machine and share its clock, so these times compare across processes.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now()
}

/** Step 2: the schedule, the same for every process, in epochNow() time. */
export interface TrafficScheduleJob {
  kind: 'trafficSchedule'
  sendStart: number
  measureStart: number
  measureEnd: number
}

/** The reply to step 2, once the window has ended and this process stopped sending. */
export interface TrafficSent {
  /** Document updates this process sent in the window: keys (sender × SEQ_LIMIT + seq) and send times, Float64Array base64. */
  keys: string
  sentAt: string
  /** CPU of this process over the window, % of one core. */
  cpuPercent: number
}

/** Per sender (global client number): the first and last sequence number it sent in the window (last < first: none). */
export interface SenderWindows {
  first: number[]
  last: number[]
}

/**
 * Step 3, repeated while draining: how many (receiving client, update sent in the window) pairs
 * this process still misses. `windows` comes with the first request.
 */
export interface TrafficProgressJob {
  kind: 'trafficProgress'
  windows?: SenderWindows
}

/** Step 4: what arrived here, then the clients close. */
export interface TrafficReportJob {
  kind: 'trafficReport'
}

export interface TrafficArrivals {
  /** Per update key (Float64Array base64 each): clients of this process that have it, and the latest arrival (epoch ms). */
  keys: string
  counts: string
  lastArrival: string
  /** Cursor latencies measured by this process's clients for cursors stamped in the window, ms. */
  cursorLatencies: string
}

/** Sequence numbers per client stay below this, so (client, seq) packs into one number (a key). */
export const SEQ_LIMIT = 1 << 20

/** Numbers for IPC, compactly: a Float64Array as base64. */
export function encodeNumbers(values: ArrayLike<number>): string {
  const array = Float64Array.from(values)
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64')
}

export function decodeNumbers(encoded: string): Float64Array {
  const bytes = Buffer.from(encoded, 'base64')
  // Copied out: a decoded Buffer may sit at an offset that is not 8-byte aligned.
  const array = new Float64Array(bytes.byteLength / 8)
  new Uint8Array(array.buffer).set(bytes)
  return array
}

export interface TrafficResult {
  clients: number
  /** Document updates sent in the measured window, and how many of them reached every other client. */
  sent: number
  delivered: number
  lost: number
  /** Updates per second actually sent in the window (the schedule can slip under overload). */
  sentPerSecond: number
  doc: LatencySummary
  awareness: LatencySummary
  /** CPU of all load-generator processes together over the window, % of one core. */
  loadCpuPercent: number
  /** The same per load-generator process (each at most 100). */
  loadCpuPercentPerProcess: number[]
  /** Until every client in every process saw every participant's note. */
  connectMs: number
}

export interface SeedJob {
  kind: 'seed'
  target: Target
  boards: BoardRef[]
  /** For servers without board creation: the blank board the seeding client writes first (base64). */
  blankBoard: string
  notesPerBoard: number
  /** Notes written per transaction while seeding. */
  notesPerTransaction: number
  seed: number
}

export interface SeedResult {
  ms: number
  /** Records on every seeded board afterwards. */
  records: number
}

export interface ColdLoadJob {
  kind: 'coldLoad'
  target: Target
  board: BoardRef
  /** Records the client must hold before the board counts as loaded. */
  expectedRecords: number
  timeoutMs: number
}

export interface MovesJob {
  kind: 'moves'
  target: Target
  board: BoardRef
  /** Records on the board (its notes are noteId(0 … notes - 1)). */
  expectedRecords: number
  moves: number
  notes: number
  /** Moves in flight before the writer waits for a second client to receive them. */
  window: number
  seed: number
  timeoutMs: number
}

export interface MovesResult {
  ms: number
  /** Encoded size of the resulting document (Y.encodeStateAsUpdate at a client). */
  docBytes: number
}

export interface ConnectIdleJob {
  kind: 'connectIdle'
  target: Target
  boards: BoardRef[]
  expectedRecords: number
  concurrency: number
}

export interface DisconnectAllJob {
  kind: 'disconnectAll'
}

export type LoadJob =
  | TrafficJob
  | TrafficScheduleJob
  | TrafficProgressJob
  | TrafficReportJob
  | SeedJob
  | ColdLoadJob
  | MovesJob
  | ConnectIdleJob
  | DisconnectAllJob

export interface LoadRequest {
  id: number
  job: LoadJob
}

export type LoadMessage =
  | { type: 'ready'; pid: number }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
