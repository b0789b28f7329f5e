/**
 * The part every server entry shares: answers the harness over IPC (create boards, report
 * memory, stop gracefully). Each server runs alone in its own process so the harness can
 * measure its CPU and memory and nothing else's.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import v8 from 'node:v8'
import type { BoardRef, LoopDelay, ServerMessage, ServerRequest, ServerStats, Target } from '../ipc.js'

// A stalled event loop (a synchronous disk write, a long GC) delays every client of the server:
// the harness reads this over the measured window.
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()

export interface ServerUnderTest {
  target: Target
  /** Creates boards the way this server does; peers have no API, so a new name is a new board. */
  createBoards(count: number): Promise<BoardRef[]>
  loadedDocs(): number
  /** The server's own graceful shutdown: everything it holds is stored when this resolves. */
  stop(): Promise<void>
}

/** Board names for servers without a board API: random, url-safe, like ours. */
export function randomBoardRefs(count: number): BoardRef[] {
  return Array.from({ length: count }, () => ({ id: randomBytes(12).toString('base64url'), token: 'bench' }))
}

export function benchDataDir(): string {
  const dir = process.env.BENCH_DATA_DIR
  if (!dir) throw new Error('BENCH_DATA_DIR is not set')
  return dir
}

function send(message: ServerMessage): void {
  process.send?.(message)
}

/** Starts the server and serves harness requests until told to stop. */
export async function runServerChild(start: () => Promise<ServerUnderTest>): Promise<void> {
  if (!process.send) throw new Error('run this under the benchmark harness (it needs an IPC channel)')
  const server = await start()
  // The harness going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0))
  process.on('message', (raw) => {
    const request = raw as ServerRequest
    void handle(server, request).then(
      (result) => send({ type: 'reply', id: request.id, result }),
      (error: unknown) => send({ type: 'error', id: request.id, message: String((error as Error)?.stack ?? error) }),
    )
  })
  send({ type: 'ready', pid: process.pid, target: server.target })
}

async function handle(server: ServerUnderTest, request: ServerRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'createBoards':
      return server.createBoards(request.count)
    case 'stats': {
      const gc = (globalThis as { gc?: () => void }).gc
      // Two passes: the first may only queue finalizers (e.g. of closed sockets).
      if (request.gc && gc) {
        gc()
        await new Promise((resolve) => setImmediate(resolve))
        gc()
      }
      const memory = process.memoryUsage()
      return {
        loadedDocs: server.loadedDocs(),
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
      } satisfies ServerStats
    }
    case 'loopDelay': {
      const ms = (ns: number) => ns / 1e6
      const result: LoopDelay = {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      }
      if (request.reset) loopDelay.reset()
      return result
    }
    case 'heapSnapshot':
      return v8.writeHeapSnapshot(path.join(request.dir, `${server.target.server}-${process.pid}.heapsnapshot`))
    case 'stop':
      await server.stop()
      // Reply first, then exit once the reply is flushed.
      setTimeout(() => process.exit(0), 50)
      return {}
    default: {
      const never: never = request
      throw new Error(`unknown request ${JSON.stringify(never)}`)
    }
  }
}
