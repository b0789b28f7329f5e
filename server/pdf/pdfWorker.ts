/**
 * Worker-thread entry: renders one memo per message, off the server's event loop. Bundled as its
 * own file next to the server (dist/server/pdfWorker.js); run from sources through tsx.
 */
import { parentPort } from 'node:worker_threads'
import { type MemoInput, renderMemoPdf } from './renderMemo.js'

export interface PdfJob {
  id: number
  input: MemoInput
}

export type PdfJobResult = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string }

const port = parentPort
if (!port) throw new Error('pdfWorker runs only as a worker thread')

port.on('message', async (job: PdfJob) => {
  try {
    // A copy in a buffer of its own, so it can be transferred (Buffer.concat may use a shared pool).
    const pdf = new Uint8Array(await renderMemoPdf(job.input))
    port.postMessage({ id: job.id, ok: true, pdf } satisfies PdfJobResult, [pdf.buffer])
  } catch (error) {
    port.postMessage({
      id: job.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies PdfJobResult)
  }
})
