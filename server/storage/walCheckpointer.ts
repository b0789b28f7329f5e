import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread with its own connection.
 *
 * SQLite's automatic checkpoint runs inside whichever commit crosses the WAL size threshold, and
 * it copies pages into the database file and fsyncs it: with many boards writing, that commit
 * blocked the event loop for up to 2.7 s on a busy disk (bench, many boards). A PASSIVE
 * checkpoint on another connection never blocks writers or readers, so the event loop only pays
 * for appending to the WAL. Past a size limit the worker also truncates the WAL (see below). The
 * caller turns automatic checkpoints off on its own connection.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.filename)
db.pragma('busy_timeout = 5000')
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    // SQLite starts the WAL over only once a checkpoint has caught up with its end, which a
    // passive one never does while writes keep coming: past the limit, truncate it, holding
    // writers back for the little that is left to copy.
    if (result && result.log > workerData.truncateAfterPages) db.pragma('wal_checkpoint(TRUNCATE)')
  } catch (error) {
    parentPort.postMessage({ type: 'checkpoint-failed', message: String(error && error.message) })
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.postMessage({ type: 'stopped' })
})
parentPort.postMessage({ type: 'ready' })
`

export interface WalCheckpointerOptions {
  intervalMs: number
  /** WAL size (pages) past which a checkpoint also truncates the WAL, so it stays bounded. */
  truncateAfterPages: number
  /** Called when the worker cannot run (it failed to start or died): the caller falls back. */
  onFailure(error: Error): void
  /** A single checkpoint failed (e.g. busy); the next interval tries again. */
  onCheckpointError?(message: string): void
}

export class WalCheckpointer {
  private readonly worker: Worker
  private stopped: Promise<void> | null = null
  private failed = false

  constructor(filename: string, options: WalCheckpointerOptions) {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filename, driverPath, intervalMs: options.intervalMs, truncateAfterPages: options.truncateAfterPages },
    })
    this.worker.unref()
    this.worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'checkpoint-failed') options.onCheckpointError?.(message.message ?? '')
    })
    const fail = (error: Error) => {
      if (this.failed || this.stopped) return
      this.failed = true
      options.onFailure(error)
    }
    this.worker.on('error', fail)
    this.worker.on('exit', (code) => fail(new Error(`WAL checkpoint worker exited with code ${code}`)))
  }

  /** Runs a last checkpoint and closes the worker's connection; safe to call more than once. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped
    this.stopped = this.failed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => resolve()
          this.worker.once('exit', done)
          this.worker.on('message', (message: { type: string }) => {
            if (message.type === 'stopped') void this.worker.terminate().then(done, done)
          })
          this.worker.postMessage('stop')
        })
    return this.stopped
  }
}
