/**
 * Messages between the harness (bench/run.ts) and its child processes: one server under test
 * and one load generator. Requests carry an id; the child answers with a reply or an error.
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

export interface TrafficJob {
  kind: 'traffic'
  target: Target
  boards: BoardRef[]
  clientsPerBoard: number
  /** Document updates per second per client. */
  docRate: number
  /** Awareness (cursor) updates per second per client. */
  awarenessRate: number
  warmupMs: number
  measureMs: number
  /** After sending stops: updates not delivered once none has arrived for this long are lost. */
  drainMs: number
  /** Records on each board before the clients add their notes (from the seed job). */
  baseRecords: number
  seed: number
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
  loadCpuPercent: number
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

export type LoadJob = TrafficJob | SeedJob | ColdLoadJob | MovesJob | ConnectIdleJob | DisconnectAllJob

export interface LoadRequest {
  id: number
  job: LoadJob
}

export type LoadMessage =
  | { type: 'ready'; pid: number }
  | { type: 'phase'; id: number; phase: 'measure-start' | 'measure-end' }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
