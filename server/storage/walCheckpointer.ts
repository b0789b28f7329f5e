import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread with its own connection.
 *
 * SQLite's automatic checkpoint runs inside whichever commit crosses the WAL size threshold, and
 * it copies pages into the database file and fsyncs it: with many boards writing, that commit
 * blocked the event loop for up to 2.7 s on a busy disk (bench, many boards). A PASSIVE
 * checkpoint on another connection never blocks writers or readers, so the event loop only pays
 * for appending to the WAL. The caller turns automatic checkpoints off on its own connection.
 *
 * SQLite starts the WAL over only once a checkpoint has caught up with its end, which a passive
 * one never does while writes keep coming (100,000 note moves left a 320 MiB WAL). So past a
 * size limit the worker tells the caller, which truncates the WAL on its own connection right
 * after the worker's checkpoint, when little is left to copy. Truncating from the worker instead
 * blocked the writer, and SQLite's busy handler then slept the event loop for up to 100 ms.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.filename)
db.pragma('busy_timeout = 5000')
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    if (result && result.log > workerData.truncateAfterPages) parentPort.postMessage({ type: 'wal-large' })
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
  /** WAL size (pages) past which `onWalLarge` is called after a checkpoint. */
  truncateAfterPages: number
  /** The WAL outgrew the limit and the worker has just copied it: time to truncate it. */
  onWalLarge(): void
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
      workerData: {
        filename,
        driverPath,
        intervalMs: options.intervalMs,
        truncateAfterPages: options.truncateAfterPages,
      },
    })
    this.worker.unref()
    this.worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'checkpoint-failed') options.onCheckpointError?.(message.message ?? '')
      if (message.type === 'wal-large') options.onWalLarge()
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
