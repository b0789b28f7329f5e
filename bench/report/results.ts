/** The shape of bench/results/latest.json, and the issue's targets evaluated on it. */
import type { ServerName } from '../ipc.js'
import type { BenchOptions } from '../options.js'
import type { ClientResult } from '../scenarios/client.js'
import type { TrafficRun } from '../scenarios/common.js'
import type { CapacityResult } from '../scenarios/traffic.js'
import { issue10Targets } from './clientReport.js'
import type { LargeBoardRun } from '../scenarios/largeBoard.js'
import type { MemoryRun } from '../scenarios/memory.js'
import type { LayoutResult, SnapshotResult } from '../scenarios/oursOnly.js'

export interface BenchResults {
  meta: {
    startedAt: string
    finishedAt: string
    quick: boolean
    node: string
    cpus: number
    cpuModel: string
    /** 1-minute load average at start and end: other work on the machine shows up here. */
    loadAverage: { start: number; end: number }
    versions: Record<string, string>
    options: BenchOptions
  }
  hotRoom: TrafficRun[]
  manyBoards: TrafficRun[]
  largeBoard: LargeBoardRun[]
  memory: MemoryRun[]
  snapshot: SnapshotResult | null
  layout: LayoutResult | null
  /** The browser benchmark (absent in results from before it existed). */
  client?: ClientResult | null
  /** The hot room's capacity with light receivers (absent in older results). */
  capacity?: CapacityResult | null
  targets: TargetCheck[]
}

export interface TargetCheck {
  target: string
  ours: string
  bestPeer: string
  /** ours ÷ best peer where that makes sense. */
  ratio: number | null
  met: boolean | null
}

const OURS: ServerName = 'tilannekuva'

function best<T>(rows: readonly T[], value: (row: T) => number): { row: T; value: number } | null {
  let found: { row: T; value: number } | null = null
  for (const row of rows) {
    const v = value(row)
    if (Number.isFinite(v) && (!found || v < found.value)) found = { row, value: v }
  }
  return found
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const mib = (value: number) => `${(value / 2 ** 20).toFixed(1)} MiB`

/** Evaluates the targets of issue 3 (all ratios within this run). */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = []
  const named = (server: string | undefined) => (server ? ` (${server})` : '')

  // Hot room at 100 clients, or the largest room measured when 100 was not.
  const counts = [...new Set(results.hotRoom.map((run) => run.clientsPerBoard))]
  const hotClients = counts.includes(100) ? 100 : Math.max(...counts)
  const hot = results.hotRoom.filter((run) => run.clientsPerBoard === hotClients)
  const oursHot = hot.find((run) => run.server === OURS)
  const peerHot = best(
    hot.filter((run) => run.server !== OURS),
    (run) => run.result.doc.p99,
  )
  if (oursHot && peerHot) {
    const ratio = oursHot.result.doc.p99 / peerHot.value
    const bound = hot.some((run) => run.generatorBound) ? ' (⚠ generator-bound)' : ''
    checks.push({
      target: `Hot room @${hotClients} clients: p99 ≤ 0.8 × best peer, 0 lost${bound}`,
      ours: `${ms(oursHot.result.doc.p99)}, ${oursHot.result.lost} lost`,
      bestPeer: `${ms(peerHot.value)}${named(peerHot.row.server)}`,
      ratio,
      met: ratio <= 0.8 && oursHot.result.lost === 0,
    })
  }

  const oursMany = results.manyBoards.find((run) => run.server === OURS)
  const peersMany = results.manyBoards.filter((run) => run.server !== OURS)
  const peerManyP99 = best(peersMany, (run) => run.result.doc.p99)
  const peerManyRss = best(peersMany, (run) => run.serverPeakRss)
  if (oursMany && peerManyP99 && peerManyRss) {
    const ratio = oursMany.result.doc.p99 / peerManyP99.value
    checks.push({
      target: 'Many boards: p99 ≤ best peer, 0 lost',
      ours: `${ms(oursMany.result.doc.p99)}, ${oursMany.result.lost} lost`,
      bestPeer: `${ms(peerManyP99.value)}${named(peerManyP99.row.server)}`,
      ratio,
      met: ratio <= 1 && oursMany.result.lost === 0,
    })
    const rssRatio = oursMany.serverPeakRss / peerManyRss.value
    checks.push({
      target: 'Many boards: peak RSS ≤ best peer',
      ours: mib(oursMany.serverPeakRss),
      bestPeer: `${mib(peerManyRss.value)}${named(peerManyRss.row.server)}`,
      ratio: rssRatio,
      met: rssRatio <= 1,
    })
  }

  const oursLarge = results.largeBoard.find((run) => run.server === OURS)
  const peerLarge = best(
    results.largeBoard.filter((run) => run.server !== OURS),
    (run) => run.coldLoadMedianMs,
  )
  if (oursLarge && peerLarge) {
    const ratio = oursLarge.coldLoadMedianMs / peerLarge.value
    checks.push({
      target: `Cold load of a ${oursLarge.notes}-note board: median ≤ best peer`,
      ours: ms(oursLarge.coldLoadMedianMs),
      bestPeer: `${ms(peerLarge.value)}${named(peerLarge.row.server)}`,
      ratio,
      met: ratio <= 1,
    })
  }

  const oursMemory = results.memory.find((run) => run.server === OURS)
  const peerMemory = best(
    results.memory.filter((run) => run.server !== OURS),
    (run) => run.loadedRss,
  )
  if (oursMemory && peerMemory) {
    const ratio = oursMemory.loadedRss / peerMemory.value
    checks.push({
      target: `RSS with ${oursMemory.boards} idle loaded boards ≤ best peer`,
      ours: mib(oursMemory.loadedRss),
      bestPeer: `${mib(peerMemory.value)}${named(peerMemory.row.server)}`,
      ratio,
      met: ratio <= 1,
    })
  }
  if (oursMemory) {
    checks.push({
      target: `Heap after ${oursMemory.cycles.length} load/evict cycles within 10% of the first`,
      ours: `${oursMemory.heapGrowthPercent >= 0 ? '+' : ''}${oursMemory.heapGrowthPercent.toFixed(1)}%`,
      bestPeer: '—',
      ratio: null,
      met: oursMemory.heapGrowthPercent <= 10,
    })
  }
  checks.push(...issue10Targets(results.client, results.capacity))
  return checks
}
