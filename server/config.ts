import path from 'node:path'
import { z } from 'zod'

const Port = z.coerce.number().int().min(0).max(65535)
const PositiveMs = z.coerce.number().int().min(0)

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
    .default(2 * 1024 * 1024),
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
  /** Updates appended to a board's log before the room compacts it into one state. */
  compactAfterUpdates: number
  /** Quiet time after a change before the board's snapshot is refreshed, and the longest wait. */
  snapshotDebounceMs: number
  snapshotMaxWaitMs: number
  /** Directory of the built client, served at '/'; undefined serves the API only. */
  clientDir: string | undefined
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
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    publicUrl: values.PUBLIC_URL,
    tldrawLicenseKey: values.TLDRAW_LICENSE_KEY,
    logLevel: values.LOG_LEVEL,
    roomIdleMs: values.ROOM_IDLE_MS,
    maxMessageBytes: values.MAX_MESSAGE_BYTES,
    compactAfterUpdates: 500,
    // A loaded board's snapshot is rebuilt whenever it is asked for while stale, so the stored
    // one need not follow every edit: rebuilding a whole board a second after each edit cost
    // more than the edits on a server with hundreds of boards in use.
    snapshotDebounceMs: 5_000,
    snapshotMaxWaitMs: 30_000,
    clientDir: path.resolve('dist/client'),
  }
}
