/** Helpers the scenarios share: data directories, server order, and one measured traffic run. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BoardRef, LoopDelay, SeedResult, ServerName, ServerStats, TrafficJob, TrafficResult } from '../ipc.js'
import { LoadProcess, ServerProcess } from '../harness/children.js'
import { cpuMs, RssSampler } from '../harness/proc.js'
import { blankBoardUpdate } from '../workload.js'

let blankBoard: Promise<string> | null = null

/** The blank board for seeding peers, made once per run (importing tlschema is slow). */
export function blankBoardOnce(): Promise<string> {
  blankBoard ??= blankBoardUpdate()
  return blankBoard
}

/** Prints progress to stderr so stdout stays clean for whoever pipes the run. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

export function makeDataDir(root: string, label: string): string {
  return fs.mkdtempSync(path.join(root, `${label}-`))
}

export function makeRunRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tilannekuva-bench-'))
}

/** Servers in the order for the `round`th comparison: each server takes each position in turn. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

/** Total size of the files under `dir` (what the data takes on disk, before file-system blocks). */
export function directoryBytes(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += directoryBytes(full)
    else if (entry.isFile()) total += fs.statSync(full).size
  }
  return total
}

/** Starts a server and a load generator together (their start-up overlaps), runs `body`, stops both. */
export async function withServerAndLoad<T>(
  name: ServerName,
  dataDir: string,
  env: Record<string, string>,
  body: (server: ServerProcess, load: LoadProcess) => Promise<T>,
): Promise<T> {
  const [server, load] = await Promise.allSettled([ServerProcess.start(name, dataDir, env), LoadProcess.start()])
  if (server.status === 'rejected' || load.status === 'rejected') {
    if (server.status === 'fulfilled') server.value.kill()
    if (load.status === 'fulfilled') await load.value.stop()
    throw server.status === 'rejected' ? server.reason : (load as PromiseRejectedResult).reason
  }
  try {
    return await body(server.value, load.value)
  } finally {
    await load.value.stop()
    await server.value.stop().catch((error: unknown) => log(`stopping ${name} failed: ${String(error)}`))
  }
}

export interface TrafficRun {
  server: ServerName
  boards: number
  clientsPerBoard: number
  result: TrafficResult
  /** Server CPU over the measured window, % of one core. */
  serverCpuPercent: number
  /** Highest server RSS sampled in the measured window, bytes. */
  serverPeakRss: number
  /** How late the server's event loop ran in the window: stalls there delay every client. */
  serverLoopDelay: LoopDelay | null
  /** The server's memory (heap, buffers) at the end of the window, without a forced GC. */
  serverMemory: ServerStats | null
  /**
   * Server CPU per message it delivered (document updates × receivers + cursor deliveries), µs:
   * comparable between servers even when the load generator, not the server, sets the pace.
   */
  serverCpuUsPerDelivery: number
  /** Document updates per second the schedule asked for. */
  nominalPerSecond: number
  /**
   * The load generator could not keep up (sent < 90 % of the schedule, or it used > 90 % of a
   * core): latency then measures its backlog more than the server.
   */
  generatorBound: boolean
  /** Position of this server in the round (0 = first). */
  order: number
}

/** Seeds the boards (peers get the same initial records as ours) and measures a traffic job. */
export async function measureTraffic(
  server: ServerProcess,
  load: LoadProcess,
  boards: BoardRef[],
  job: Omit<TrafficJob, 'kind' | 'target' | 'boards' | 'baseRecords'>,
  order: number,
): Promise<TrafficRun> {
  const seeded = await load.run<SeedResult>(
    { kind: 'seed', target: server.target, boards, blankBoard: await blankBoardOnce(), notesPerBoard: 0, notesPerTransaction: 1, seed: job.seed },
    300_000,
  )
  const rss = new RssSampler(server.pid)
  let cpuStart = 0
  let cpuEnd = 0
  let windowStart = 0
  let windowEnd = 0
  let peakRss = 0
  let loopDelay: Promise<LoopDelay | null> = Promise.resolve(null)
  let memoryAtEnd: Promise<ServerStats | null> = Promise.resolve(null)
  const timeoutMs = job.warmupMs + job.measureMs + job.drainMs + 600_000
  try {
    const result = await load.run<TrafficResult>({ kind: 'traffic', target: server.target, boards, baseRecords: seeded.records, ...job }, timeoutMs, (phase) => {
      if (phase === 'measure-start') {
        cpuStart = cpuMs(server.pid)
        windowStart = performance.now()
        rss.reset()
        void server.loopDelay(true).catch(() => null)
      } else if (phase === 'measure-end') {
        cpuEnd = cpuMs(server.pid)
        windowEnd = performance.now()
        peakRss = rss.peak()
        loopDelay = server.loopDelay(false).catch(() => null)
        memoryAtEnd = server.stats(false).catch(() => null)
      }
    })
    // BENCH_HEAP_SNAPSHOT_DIR=dir: a heap snapshot of the server right after the window, to see what holds its memory.
    const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR
    if (snapshotDir) log(`  heap snapshot: ${await server.heapSnapshot(snapshotDir)}`)
    const windowMs = windowEnd - windowStart
    const deliveries = result.delivered * (job.clientsPerBoard - 1) + result.awareness.count
    const nominalPerSecond = job.docRate * boards.length * job.clientsPerBoard
    return {
      server: server.name,
      boards: boards.length,
      clientsPerBoard: job.clientsPerBoard,
      result,
      serverCpuPercent: ((cpuEnd - cpuStart) / windowMs) * 100,
      serverPeakRss: peakRss,
      serverLoopDelay: await loopDelay,
      serverMemory: await memoryAtEnd,
      serverCpuUsPerDelivery: deliveries > 0 ? ((cpuEnd - cpuStart) * 1000) / deliveries : Number.NaN,
      nominalPerSecond,
      generatorBound: result.sentPerSecond < 0.9 * nominalPerSecond || result.loadCpuPercent > 90,
      order,
    }
  } finally {
    rss.stop()
  }
}
