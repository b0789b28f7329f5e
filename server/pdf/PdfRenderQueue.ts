import { fileURLToPath, pathToFileURL } from 'node:url'
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

let sourceWorker: Promise<URL> | null = null

/**
 * The worker's file: next to the bundled server in dist/ (scripts/buildIfNeeded.mjs builds it).
 * When the server runs from TypeScript sources (tests, `npm run dev`) a worker thread cannot load
 * .ts files on Node 20, so the worker is bundled once per process with esbuild, as the build does.
 */
function workerEntry(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve(new URL('./pdfWorker.js', import.meta.url))
  sourceWorker ??= (async () => {
    const { build } = await import('esbuild')
    // Inside node_modules so that the bundle's external imports resolve from there.
    const outfile = fileURLToPath(
      new URL(`../../node_modules/.cache/tilannekuva/pdfWorker-${process.pid}.mjs`, import.meta.url),
    )
    await build({
      entryPoints: [fileURLToPath(new URL('./pdfWorker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    })
    return pathToFileURL(outfile)
  })()
  return sourceWorker
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
    this.run(job.input)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.running--
        this.startNext()
      })
  }

  private async run(input: MemoInput): Promise<Buffer> {
    const worker = new Worker(await workerEntry(), { resourceLimits: { maxOldGenerationSizeMb: 512 } })
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
      const timer = setTimeout(
        () => finish(() => reject(new Error(`PDF render took over ${this.options.timeoutMs} ms`))),
        this.options.timeoutMs,
      )
      worker.on('message', (result: PdfJobResult) => {
        if (result.id !== id) return
        finish(() =>
          result.ok
            ? resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength))
            : reject(new Error(result.message)),
        )
      })
      worker.on('error', (error) => finish(() => reject(error)))
      worker.on('exit', (code) => finish(() => reject(new Error(`PDF worker exited with code ${code}`))))
      worker.postMessage({ id, input } satisfies PdfJob)
    })
  }
}
