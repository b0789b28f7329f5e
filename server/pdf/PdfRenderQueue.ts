import { Worker } from 'node:worker_threads'
import type { MemoInput } from './memoContent.js'
import type { PdfJob, PdfJobResult } from './pdfWorker.js'

/** Thrown by `render` when every worker is busy and the queue is full: answer 429. */
export class PdfQueueFullError extends Error {
  constructor() {
    super('too many PDF exports at once')
  }
}

export interface PdfRenderQueueOptions {
  /** Memos rendered at the same time, each in its own worker thread. */
  concurrency: number
  /** Memos that may wait for a free worker; past that `render` refuses. */
  maxQueued: number
  /** A render taking longer than this is stopped. */
  timeoutMs: number
}

interface Waiting {
  input: MemoInput
  resolve(pdf: Buffer): void
  reject(error: Error): void
}

/**
 * The worker's file: next to the bundled server in dist/, or the TypeScript source run through
 * tsx when the server itself runs from sources (tests, `npm run dev`).
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) return { url: new URL('./pdfWorker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
  return { url: new URL('./pdfWorker.js', import.meta.url), execArgv: ['--enable-source-maps'] }
}

/**
 * Renders memos in worker threads, a few at a time, so a 5,000-note memo never stalls sync: each
 * job gets a fresh worker that exits when done (no idle memory, nothing left over from a failed
 * job). Waiting jobs are bounded; beyond that `render` rejects with PdfQueueFullError at once.
 */
export class PdfRenderQueue {
  private running = 0
  private nextId = 1
  private readonly waiting: Waiting[] = []

  constructor(private readonly options: PdfRenderQueueOptions) {}

  /** Renders `input` to PDF bytes, or rejects (PdfQueueFullError when full, Error on failure). */
  render(input: MemoInput): Promise<Buffer> {
    if (this.running >= this.options.concurrency && this.waiting.length >= this.options.maxQueued) {
      return Promise.reject(new PdfQueueFullError())
    }
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject })
      this.startNext()
    })
  }

  private startNext(): void {
    if (this.running >= this.options.concurrency) return
    const job = this.waiting.shift()
    if (!job) return
    this.running++
    this.run(job.input).then(job.resolve, job.reject).finally(() => {
      this.running--
      this.startNext()
    })
  }

  private run(input: MemoInput): Promise<Buffer> {
    const { url, execArgv } = workerEntry()
    const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: 512 } })
    const id = this.nextId++
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false
      const finish = (outcome: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        outcome()
        void worker.terminate()
      }
      const timer = setTimeout(() => finish(() => reject(new Error(`PDF render took over ${this.options.timeoutMs} ms`))), this.options.timeoutMs)
      worker.on('message', (result: PdfJobResult) => {
        if (result.id !== id) return
        finish(() => (result.ok ? resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength)) : reject(new Error(result.message))))
      })
      worker.on('error', (error) => finish(() => reject(error)))
      worker.on('exit', (code) => finish(() => reject(new Error(`PDF worker exited with code ${code}`))))
      worker.postMessage({ id, input } satisfies PdfJob)
    })
  }
}
