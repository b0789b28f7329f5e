import './favourMemory.js'
import path from 'node:path'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type ServerConfig } from './config.js'
import { describeStartupFailure } from './startupFailure.js'
import { type DataDirLock, lockDataDir } from './storage/dataDirLock.js'
import { checkDatabaseIntegrity } from './storage/integrityCheck.js'

/** The file SqliteStorage.inDataDir opens (named in the README, so part of the contract). */
const DATABASE_FILE = 'tilannekuva.sqlite'

/** Ends start-up with one line on stderr and a non-zero exit; a stack only when debugging. */
function failStartup(error: unknown, config: ServerConfig): never {
  const described = describeStartupFailure(error, {
    dataDir: config.dataDir,
    databaseFile: path.join(config.dataDir, DATABASE_FILE),
    host: config.host,
    port: config.port,
  })
  const message = error instanceof Error ? error.message : String(error)
  console.error(`Tilannekuva could not start: ${described ?? message}`)
  if (!described && (config.logLevel === 'debug' || config.logLevel === 'trace')) console.error(error)
  process.exit(1)
}

async function main(): Promise<void> {
  let config: ServerConfig
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  let lock: DataDirLock
  let app: Awaited<ReturnType<typeof buildApp>>
  try {
    // One writer per database: a second server on this DATA_DIR would compact away the first's updates.
    lock = lockDataDir(config.dataDir)
    checkDatabaseIntegrity(path.join(config.dataDir, DATABASE_FILE))
    app = await buildApp({ config })
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    failStartup(error, config)
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = config.publicUrl ?? `http://${shownHost}:${port}`
  app.log.info({ url, dataDir: config.dataDir }, `Tilannekuva is running: open ${url}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: storing boards and closing connections')
    const forceExit = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 15_000)
    forceExit.unref()
    app
      .close()
      .then(() => {
        lock.release()
        process.exit(0)
      })
      .catch((error) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  console.error(`Tilannekuva failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
