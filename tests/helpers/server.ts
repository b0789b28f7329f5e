import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp, type App } from '../../server/app.js'
import { loadConfig, type ServerConfig } from '../../server/config.js'
import type { BoardStorage } from '../../server/storage/BoardStorage.js'
import type { CreateBoardResponse } from '../../shared/api.js'

export interface TestServer {
  app: App
  config: ServerConfig
  /** http://127.0.0.1:PORT */
  url: string
  /** ws://127.0.0.1:PORT/sync — the serverUrl for a y-websocket WebsocketProvider. */
  syncUrl: string
  dataDir: string
  createBoard(title?: string): Promise<CreateBoardResponse>
  close(): Promise<void>
}

/** Creates a board through the API of the server at `url`, as the home page does. */
export async function createBoardAt(url: string, title = 'Testitaulu'): Promise<CreateBoardResponse> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreateBoardResponse
}

export function makeTempDir(prefix = 'tilannekuva-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/**
 * Starts the real server on 127.0.0.1, port 0, with its own data directory (a new temporary one
 * unless given, so a test can restart a server on the same data).
 */
export async function startTestServer(
  options: {
    dataDir?: string
    storage?: BoardStorage
    env?: Record<string, string>
    /** Settings that have no environment variable. */
    config?: Partial<ServerConfig>
    serveClient?: boolean
    /** Defaults to 0 (any free port); a restart test reuses the old port so clients reconnect. */
    port?: number
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeTempDir()
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', ...options.env }),
    port: 0,
    dataDir,
    ...(options.serveClient ? {} : { clientDir: undefined }),
    ...options.config,
  }
  const app = await buildApp({ config, ...(options.storage ? { storage: options.storage } : {}) })
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    app,
    config,
    url,
    syncUrl: `ws://127.0.0.1:${address.port}/sync`,
    dataDir,
    createBoard: (title) => createBoardAt(url, title),
    close: () => app.close(),
  }
}

export interface TestApp {
  app: App
  dataDir: string
  /** Creates a board through the API (by `app.inject`), as the home page does. */
  createBoard(title?: string): Promise<CreateBoardResponse>
  close(): Promise<void>
}

/**
 * Builds the real app with its own temporary data directory (SQLite, unless `storage` is given)
 * without listening: for HTTP tests through `app.inject`, which need no socket.
 */
export async function buildTestApp(
  options: { storage?: BoardStorage; env?: Record<string, string>; config?: Partial<ServerConfig> } = {},
): Promise<TestApp> {
  const dataDir = makeTempDir()
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', ...options.env }),
    dataDir,
    clientDir: undefined,
    ...options.config,
  }
  const app = await buildApp({ config, ...(options.storage ? { storage: options.storage } : {}) })
  return {
    app,
    dataDir,
    createBoard: async (title = 'Testitaulu') => {
      const response = await app.inject({ method: 'POST', url: '/api/boards', payload: { title } })
      if (response.statusCode !== 201)
        throw new Error(`creating a board failed: ${response.statusCode} ${response.body}`)
      return response.json<CreateBoardResponse>()
    },
    close: async () => {
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
