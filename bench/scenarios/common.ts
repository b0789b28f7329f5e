/** Helpers the scenarios share: data directories, server order, and one measured traffic run. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  type BoardRef,
  decodeNumbers,
  epochNow,
  type LoopDelay,
  type SeedResult,
  SEQ_LIMIT,
  type SenderWindows,
  type ServerName,
  type ServerStats,
  type TrafficArrivals,
  type TrafficReady,
  type TrafficResult,
  type TrafficScheduleJob,
  type TrafficSent,
} from '../ipc.js'
import { LoadProcess, ServerProcess } from '../harness/children.js'
import { cpuMs, RssSampler } from '../harness/proc.js'
import { summarize } from '../stats.js'
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

/**
 * Starts a server and `loadProcesses` load generators together (their start-up overlaps), runs
 * `body`, stops them all.
 */
export async function withServerAndLoad<T>(
  name: ServerName,
  dataDir: string,
  env: Record<string, string>,
  loadProcesses: number,
  body: (server: ServerProcess, loads: LoadProcess[]) => Promise<T>,
): Promise<T> {
  const names = Array.from({ length: loadProcesses }, (_, i) =>
    loadProcesses > 1 ? `load generator ${i + 1}` : 'load generator',
  )
  const [[server], loads] = await Promise.all([
    Promise.allSettled([ServerProcess.start(name, dataDir, env)]),
    Promise.allSettled(names.map((loadName) => LoadProcess.start(loadName))),
  ])
  const started = loads.flatMap((load) => (load.status === 'fulfilled' ? [load.value] : []))
  if (server!.status === 'rejected' || started.length < loads.length) {
    if (server!.status === 'fulfilled') server!.value.kill()
    await Promise.all(started.map((load) => load.stop()))
    throw server!.status === 'rejected' ? server!.reason : loads.find((load) => load.status === 'rejected')!.reason
  }
  try {
    return await body(server!.value, started)
  } finally {
    await Promise.all(started.map((load) => load.stop()))
    await server!.value.stop().catch((error: unknown) => log(`stopping ${name} failed: ${String(error)}`))
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
   * The load generators could not keep up (sent < 90 % of the schedule, or any of them used
   * > 90 % of a core): latency then measures their backlog more than the server.
   */
  generatorBound: boolean
  /** Hot room: the p99 of every round, lowest first (this run is the median one). */
  roundP99s?: number[]
  /** Position of this server in the round (0 = first). */
  order: number
}

/** How a traffic run goes; the load generators get the parts they need. */
export interface TrafficPlan {
  clientsPerBoard: number
  /** Document updates per second per client. */
  docRate: number
  /** Awareness (cursor) updates per second per client. */
  awarenessRate: number
  warmupMs: number
  measureMs: number
  /** After sending stops: updates not delivered once nothing has arrived for this long are lost. */
  drainMs: number
  seed: number
  /** Full clients per board that write; the rest are light receivers. Absent: every client writes. */
  writersPerBoard?: number
}

/** Time between handing out the schedule and the first sends, for the message to reach every process. */
const SCHEDULE_LEAD_MS = 250
/** However slowly updates still arrive, stop waiting for them after this long. */
const MAX_DRAIN_MS = 180_000
const DRAIN_POLL_MS = 100
const CONNECT_TIMEOUT_MS = 300_000
const STEP_TIMEOUT_MS = 120_000

/** Calls `sample` at `epochMs` on this process's clock; settles with its result. */
function sampleAt<T>(epochMs: number, timers: NodeJS.Timeout[], sample: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    timers.push(
      setTimeout(
        () => {
          try {
            resolve(sample())
          } catch (error) {
            reject(error as Error)
          }
        },
        Math.max(0, epochMs - epochNow()),
      ),
    )
  })
}

/** The window's sends from every load generator: send time by update key, and each sender's range of sequence numbers. */
export function collectSends(
  replies: readonly TrafficSent[],
  totalClients: number,
): { sentAt: Map<number, number>; windows: SenderWindows } {
  const sentAt = new Map<number, number>()
  // A sender's sequence numbers grow with time, so those in the window are contiguous.
  const windows: SenderWindows = {
    first: new Array<number>(totalClients).fill(SEQ_LIMIT),
    last: new Array<number>(totalClients).fill(-1),
  }
  for (const reply of replies) {
    const keys = decodeNumbers(reply.keys)
    const times = decodeNumbers(reply.sentAt)
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const sender = Math.floor(key / SEQ_LIMIT)
      const seq = key % SEQ_LIMIT
      sentAt.set(key, times[i]!)
      windows.first[sender] = Math.min(windows.first[sender]!, seq)
      windows.last[sender] = Math.max(windows.last[sender]!, seq)
    }
  }
  return { sentAt, windows }
}

/**
 * Merges the load generators' arrivals: an update is delivered when the clients holding it,
 * summed over processes, are all `receivers`; its latency runs from its send to the latest
 * arrival in any process. Updates sent but not delivered are the lost ones.
 */
export function mergeArrivals(
  sentAt: ReadonlyMap<number, number>,
  reports: readonly TrafficArrivals[],
  receivers: number,
): { docLatencies: number[]; cursorLatencies: number[] } {
  const arrivals = new Map<number, { count: number; last: number }>()
  const cursorLatencies: number[] = []
  for (const report of reports) {
    const keys = decodeNumbers(report.keys)
    const counts = decodeNumbers(report.counts)
    const lastArrival = decodeNumbers(report.lastArrival)
    for (let i = 0; i < keys.length; i++) {
      const merged = arrivals.get(keys[i]!)
      if (merged) {
        merged.count += counts[i]!
        merged.last = Math.max(merged.last, lastArrival[i]!)
      } else {
        arrivals.set(keys[i]!, { count: counts[i]!, last: lastArrival[i]! })
      }
    }
    for (const latency of decodeNumbers(report.cursorLatencies)) cursorLatencies.push(latency)
  }
  const docLatencies: number[] = []
  for (const [key, sentTime] of sentAt) {
    const arrival = arrivals.get(key)
    if (receivers > 0 && arrival && arrival.count >= receivers) docLatencies.push(arrival.last - sentTime)
  }
  return { docLatencies, cursorLatencies }
}

/**
 * Seeds the boards (peers get the same initial records as ours) and measures a traffic run with
 * the clients spread over `loads`, then merges what each load generator recorded.
 */
export async function measureTraffic(
  server: ServerProcess,
  loads: readonly LoadProcess[],
  boards: BoardRef[],
  plan: TrafficPlan,
  order: number,
): Promise<TrafficRun> {
  const seeded = await loads[0]!.run<SeedResult>(
    {
      kind: 'seed',
      target: server.target,
      boards,
      blankBoard: await blankBoardOnce(),
      notesPerBoard: 0,
      notesPerTransaction: 1,
      seed: plan.seed,
    },
    300_000,
  )
  const totalClients = boards.length * plan.clientsPerBoard
  const active = loads.slice(0, Math.min(loads.length, totalClients))
  const rss = new RssSampler(server.pid)
  const timers: NodeJS.Timeout[] = []
  try {
    // Each process answers once every client it runs sees every participant's note, so when all
    // have answered, every client everywhere does.
    const ready = await Promise.all(
      active.map((load, processIndex) =>
        load.run<TrafficReady>(
          {
            kind: 'traffic',
            target: server.target,
            boards,
            clientsPerBoard: plan.clientsPerBoard,
            docRate: plan.docRate,
            awarenessRate: plan.awarenessRate,
            baseRecords: seeded.records,
            seed: plan.seed,
            processIndex,
            processCount: active.length,
            ...(plan.writersPerBoard === undefined ? {} : { writersPerBoard: plan.writersPerBoard }),
          },
          CONNECT_TIMEOUT_MS,
        ),
      ),
    )

    const sendStart = epochNow() + SCHEDULE_LEAD_MS
    const schedule: TrafficScheduleJob = {
      kind: 'trafficSchedule',
      sendStart,
      measureStart: sendStart + plan.warmupMs,
      measureEnd: sendStart + plan.warmupMs + plan.measureMs,
    }
    // The server is sampled at the window's edges on this process's own timers (it is idle, so they run on time).
    const atStart = sampleAt(schedule.measureStart, timers, () => {
      rss.reset()
      void server.loopDelay(true).catch(() => null)
      return { cpuMs: cpuMs(server.pid), at: epochNow() }
    })
    const atEnd = atStart.then(() =>
      sampleAt(schedule.measureEnd, timers, () => ({
        cpuMs: cpuMs(server.pid),
        at: epochNow(),
        peakRss: rss.peak(),
        loopDelay: server.loopDelay(false).catch(() => null),
        memory: server.stats(false).catch(() => null),
      })),
    )
    // Awaited after the load generators answer; until then a failed sample must not count as unhandled.
    atEnd.catch(() => undefined)
    const sentReplies = await Promise.all(
      active.map((load) => load.run<TrafficSent>(schedule, plan.warmupMs + plan.measureMs + STEP_TIMEOUT_MS)),
    )
    const [windowStart, windowEnd] = await Promise.all([atStart, atEnd])

    const { sentAt, windows } = collectSends(sentReplies, totalClients)

    // Wait for what was sent in the window while it keeps arriving anywhere (an overloaded run can
    // be seconds behind); what has not arrived once nothing moves for drainMs is lost.
    const missing = async (first: boolean) => {
      const replies = await Promise.all(
        active.map((load) =>
          load.run<{ missing: number }>({ kind: 'trafficProgress', ...(first ? { windows } : {}) }, STEP_TIMEOUT_MS),
        ),
      )
      return replies.reduce((sum, reply) => sum + reply.missing, 0)
    }
    const drainDeadline = epochNow() + MAX_DRAIN_MS
    let lastProgress = epochNow()
    let remaining = await missing(true)
    while (remaining > 0 && epochNow() < drainDeadline && epochNow() - lastProgress < plan.drainMs) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS))
      const stillMissing = await missing(false)
      if (stillMissing < remaining) lastProgress = epochNow()
      remaining = stillMissing
    }
    const reports = await Promise.all(
      active.map((load) => load.run<TrafficArrivals>({ kind: 'trafficReport' }, STEP_TIMEOUT_MS)),
    )

    const receivers = plan.clientsPerBoard - 1
    const { docLatencies, cursorLatencies } = mergeArrivals(sentAt, reports, receivers)
    const loadCpuPercentPerProcess = sentReplies.map((reply) => reply.cpuPercent)
    const result: TrafficResult = {
      clients: ready.reduce((sum, share) => sum + share.clients, 0),
      sent: sentAt.size,
      delivered: docLatencies.length,
      lost: sentAt.size - docLatencies.length,
      sentPerSecond: sentAt.size / (plan.measureMs / 1000),
      doc: summarize(docLatencies),
      awareness: summarize(cursorLatencies),
      loadCpuPercent: loadCpuPercentPerProcess.reduce((sum, percent) => sum + percent, 0),
      loadCpuPercentPerProcess,
      connectMs: Math.max(...ready.map((share) => share.connectMs)),
    }

    // BENCH_HEAP_SNAPSHOT_DIR=dir: a heap snapshot of the server right after the window, to see what holds its memory.
    const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR
    if (snapshotDir) log(`  heap snapshot: ${await server.heapSnapshot(snapshotDir)}`)
    const serverCpuMs = windowEnd.cpuMs - windowStart.cpuMs
    const deliveries = result.delivered * receivers + result.awareness.count
    const writers = Math.min(plan.clientsPerBoard, plan.writersPerBoard ?? plan.clientsPerBoard)
    const nominalPerSecond = plan.docRate * writers * boards.length
    const serverCpuPercent = (serverCpuMs / (windowEnd.at - windowStart.at)) * 100
    // Generators and server together near every core: the machine, not the server, sets the pace.
    const machineBusy =
      serverCpuPercent + loadCpuPercentPerProcess.reduce((sum, percent) => sum + percent, 0) >
      90 * os.availableParallelism()
    return {
      server: server.name,
      boards: boards.length,
      clientsPerBoard: plan.clientsPerBoard,
      result,
      serverCpuPercent,
      serverPeakRss: windowEnd.peakRss,
      serverLoopDelay: await windowEnd.loopDelay,
      serverMemory: await windowEnd.memory,
      serverCpuUsPerDelivery: deliveries > 0 ? (serverCpuMs * 1000) / deliveries : Number.NaN,
      nominalPerSecond,
      generatorBound:
        result.sentPerSecond < 0.9 * nominalPerSecond ||
        loadCpuPercentPerProcess.some((percent) => percent > 90) ||
        machineBusy,
      order,
    }
  } finally {
    for (const timer of timers) clearTimeout(timer)
    rss.stop()
  }
}
