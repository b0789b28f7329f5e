import path from 'node:path'
import { z } from 'zod'

const Port = z.coerce.number().int().min(0).max(65535)
const PositiveMs = z.coerce.number().int().min(0)
/** A count or rate where 0 turns the limit off. */
const LimitOrOff = z.coerce.number().int().min(0)
const KiB = 1024
const MiB = 1024 * KiB

/**
 * TRUST_PROXY as Fastify's `trustProxy` takes it: unset or `false` trusts nobody (the client
 * address is the socket's), `true` trusts every proxy, a number trusts that many hops, anything
 * else is a comma-separated list of proxy addresses or CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`).
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((value): boolean | number | string[] => {
    if (value === '' || value.toLowerCase() === 'false') return false
    if (value.toLowerCase() === 'true') return true
    if (/^\d+$/.test(value)) return Number(value)
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
  })

const EnvSchema = z.object({
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL, e.g. https://tilannekuva.example.fi' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long a board stays in memory after its last client leaves. */
  ROOM_IDLE_MS: PositiveMs.default(30_000),
  /**
   * Largest websocket frame accepted; bigger frames close the connection (1009). 16 MiB frames
   * stalled the server 1.6–3 s each; a person's edit, even a big paste, is far below 2 MiB.
   */
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * MiB),
  /*
   * Per-connection budgets on what a websocket may send (token buckets: a sustained rate and a
   * burst it may spend at once); over either, the connection is closed 4529 (stock clients retry).
   * What real work sends, measured: our client sends a document update per animation frame while
   * dragging (60–144 a second) and a cursor every 50 ms (20 a second); moving one note is ~400 B,
   * so a drag of 20 selected notes at 60 Hz is ~460 KiB/s and of 50 notes ~1.1 MiB/s. The
   * benchmarks' clients send 2 updates and 5 cursors a second; a stock y-websocket client in a
   * 60-person workshop echoes ~33 cursor batches a second (~40 KiB/s). So 1 MiB/s sustained covers
   * every drag but a 50-note one on a 144 Hz screen, which the 4 MiB burst carries for ~2.5 s.
   * What a flood at the budget costs (tests/server/healthUnderFlood.test.ts, server in its own
   * process, 4 KiB updates, shared 2-core machine): at 1 MiB/s /api/health p50 3 ms, p99 11–16 ms
   * (up to 280 ms while other work loaded the machine); spending the whole 4 MiB burst at once
   * stalled it 0.1–0.2 s (a 16 MiB burst: 1.7 s; unbudgeted, 0.75 MB/s once made it time out).
   */
  SYNC_BYTES_PER_SECOND: LimitOrOff.default(1 * MiB),
  SYNC_BYTES_BURST: LimitOrOff.default(4 * MiB),
  SYNC_MESSAGES_PER_SECOND: LimitOrOff.default(300),
  SYNC_MESSAGES_BURST: LimitOrOff.default(1_000),
  /**
   * A board's stored state may not grow past this: the update that would cross it is refused
   * (close 4413). 5,000 short notes take ~2 MiB.
   */
  MAX_BOARD_BYTES: LimitOrOff.default(32 * MiB),
  /** Open websockets per board and per client address; over either, close 1013 (retry later). */
  MAX_CONNECTIONS_PER_BOARD: LimitOrOff.default(300),
  MAX_CONNECTIONS_PER_IP: LimitOrOff.default(400),
  TRUST_PROXY: TrustProxy.default(false),
  /** Boards one address may create per hour (429 beyond). */
  BOARDS_PER_HOUR_PER_IP: LimitOrOff.default(30),
  /** Participant identities per board (409 beyond), and registrations per address per hour (429). */
  MAX_PARTICIPANTS_PER_BOARD: LimitOrOff.default(2_000),
  PARTICIPANTS_PER_HOUR_PER_IP: LimitOrOff.default(1_000),
  /** While a board keeps changing, an automatic version at most this often (minutes); 0 turns them off. */
  VERSION_INTERVAL_MINUTES: z.coerce.number().min(0).default(30),
})

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  publicUrl: string | undefined
  tldrawLicenseKey: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  roomIdleMs: number
  maxMessageBytes: number
  /** What one websocket may send; 0 turns a rate off. */
  syncBudget: SyncBudget
  /** Largest stored state of a board, in bytes; 0 for no limit. */
  maxBoardBytes: number
  /** Open websockets per board and per client address; 0 for no limit. */
  maxConnectionsPerBoard: number
  maxConnectionsPerIp: number
  /** Fastify's `trustProxy`: whose X-Forwarded-For names the client address. */
  trustProxy: boolean | number | string[]
  boardsPerHourPerIp: number
  maxParticipantsPerBoard: number
  participantsPerHourPerIp: number
  /** Updates appended to a board's log before the room compacts it into one state. */
  compactAfterUpdates: number
  /** Quiet time after a change before the board's snapshot is refreshed, and the longest wait. */
  snapshotDebounceMs: number
  snapshotMaxWaitMs: number
  /** Directory of the built client, served at '/'; undefined serves the API only. */
  clientDir: string | undefined
  /** Longest a changing board goes without an automatic version (0: only when it goes idle). */
  versionIntervalMs: number
}

export interface SyncBudget {
  bytesPerSecond: number
  bytesBurst: number
  messagesPerSecond: number
  messagesBurst: number
}

export class ConfigError extends Error {}

/** Reads configuration from environment variables; throws ConfigError naming each bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  )
  const parsed = EnvSchema.safeParse(blankToUndefined)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
  }
  const values = parsed.data
  if (values.SYNC_BYTES_PER_SECOND > 0 && values.SYNC_BYTES_BURST < values.MAX_MESSAGE_BYTES) {
    throw new ConfigError(
      'Invalid configuration:\n  SYNC_BYTES_BURST: must be at least MAX_MESSAGE_BYTES, or a largest frame could never be sent',
    )
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    publicUrl: values.PUBLIC_URL,
    tldrawLicenseKey: values.TLDRAW_LICENSE_KEY,
    logLevel: values.LOG_LEVEL,
    roomIdleMs: values.ROOM_IDLE_MS,
    maxMessageBytes: values.MAX_MESSAGE_BYTES,
    syncBudget: {
      bytesPerSecond: values.SYNC_BYTES_PER_SECOND,
      bytesBurst: values.SYNC_BYTES_BURST,
      messagesPerSecond: values.SYNC_MESSAGES_PER_SECOND,
      messagesBurst: values.SYNC_MESSAGES_BURST,
    },
    maxBoardBytes: values.MAX_BOARD_BYTES,
    maxConnectionsPerBoard: values.MAX_CONNECTIONS_PER_BOARD,
    maxConnectionsPerIp: values.MAX_CONNECTIONS_PER_IP,
    trustProxy: values.TRUST_PROXY,
    boardsPerHourPerIp: values.BOARDS_PER_HOUR_PER_IP,
    maxParticipantsPerBoard: values.MAX_PARTICIPANTS_PER_BOARD,
    participantsPerHourPerIp: values.PARTICIPANTS_PER_HOUR_PER_IP,
    compactAfterUpdates: 500,
    // A loaded board's snapshot is rebuilt whenever it is asked for while stale, so the stored
    // one need not follow every edit: rebuilding a whole board a second after each edit cost
    // more than the edits on a server with hundreds of boards in use.
    snapshotDebounceMs: 5_000,
    snapshotMaxWaitMs: 30_000,
    clientDir: path.resolve('dist/client'),
    versionIntervalMs: Math.round(values.VERSION_INTERVAL_MINUTES * 60_000),
  }
}
