/**
 * Scenarios 1 and 2: a hot room (one board, many clients) and many small boards. Each server is
 * started fresh for every measurement; the server order rotates from one measurement to the next.
 */
import type { ServerName } from '../ipc.js'
import type { BenchOptions } from '../options.js'
import { log, makeDataDir, measureTraffic, rotate, type TrafficRun, withServerAndLoad } from './common.js'

function describe(run: TrafficRun): string {
  const { result } = run
  return (
    `${run.server}: p50 ${result.doc.p50.toFixed(1)} p99 ${result.doc.p99.toFixed(1)} ms, lost ${result.lost}/${result.sent}, ` +
    `${result.sentPerSecond.toFixed(0)} of ${run.nominalPerSecond.toFixed(0)} updates/s, server CPU ${run.serverCpuPercent.toFixed(0)}%, ` +
    `load CPU ${result.loadCpuPercentPerProcess.map((percent) => percent.toFixed(0)).join(' + ')}%${run.generatorBound ? ' (generator-bound)' : ''}`
  )
}

/**
 * Past a few dozen clients the generators fill the machine and single measurements scatter
 * (p99 at 100 clients moved by ±30 % between runs), so each is taken `rounds` times, servers
 * rotating, and the run with the median p99 stands for the server.
 */
export async function runHotRoom(options: BenchOptions, runRoot: string): Promise<TrafficRun[]> {
  const runs: TrafficRun[] = []
  const { hotRoom } = options
  let rotation = 0
  for (const clients of hotRoom.clients) {
    const rounds = new Map<ServerName, TrafficRun[]>()
    for (let round = 0; round < hotRoom.rounds; round++) {
      for (const [order, server] of rotate<ServerName>(options.servers, rotation++).entries()) {
        log(
          `hot room, ${clients} clients${hotRoom.rounds > 1 ? `, round ${round + 1} of ${hotRoom.rounds}` : ''}: ${server}`,
        )
        const run = await withServerAndLoad(
          server,
          makeDataDir(runRoot, `hot-${server}`),
          {},
          options.loadProcesses,
          async (process, loads) => {
            const boards = await process.createBoards(1)
            return measureTraffic(
              process,
              loads,
              boards,
              {
                clientsPerBoard: clients,
                docRate: hotRoom.docRate,
                awarenessRate: hotRoom.awarenessRate,
                warmupMs: hotRoom.warmupMs,
                measureMs: hotRoom.measureMs,
                drainMs: hotRoom.drainMs,
                seed: options.seed + round,
              },
              order,
            )
          },
        )
        log(`  ${describe(run)}`)
        rounds.set(server, [...(rounds.get(server) ?? []), run])
      }
    }
    for (const server of options.servers) {
      const measured = [...(rounds.get(server) ?? [])].sort((a, b) => a.result.doc.p99 - b.result.doc.p99)
      const median = measured[Math.floor((measured.length - 1) / 2)]
      if (median) runs.push({ ...median, roundP99s: measured.map((run) => run.result.doc.p99) })
    }
  }
  return runs
}

export async function runManyBoards(options: BenchOptions, runRoot: string): Promise<TrafficRun[]> {
  const runs: TrafficRun[] = []
  const { manyBoards } = options
  const clients = manyBoards.boards * manyBoards.clientsPerBoard
  for (const [order, server] of rotate<ServerName>(options.servers, 1).entries()) {
    log(`many boards, ${manyBoards.boards} × ${manyBoards.clientsPerBoard} clients: ${server}`)
    const run = await withServerAndLoad(
      server,
      makeDataDir(runRoot, `many-${server}`),
      {},
      options.loadProcesses,
      async (process, loads) => {
        const boards = await process.createBoards(manyBoards.boards)
        return measureTraffic(
          process,
          loads,
          boards,
          {
            clientsPerBoard: manyBoards.clientsPerBoard,
            docRate: manyBoards.totalRate / clients,
            awarenessRate: manyBoards.awarenessRate,
            warmupMs: manyBoards.warmupMs,
            measureMs: manyBoards.measureMs,
            drainMs: manyBoards.drainMs,
            seed: options.seed,
          },
          order,
        )
      },
    )
    log(`  ${describe(run)}`)
    runs.push(run)
  }
  return runs
}

export interface CapacityResult {
  /** Every measured room, in the order run. */
  runs: TrafficRun[]
  /** Per server: the largest room with p99 under the limit and nothing lost (0: not even the smallest). */
  capacity: { server: ServerName; clients: number; firstFailure: number | null }[]
  writers: number
  p99LimitMs: number
}

/**
 * The hot room's capacity: `writers` full clients write while light receivers fill the room up
 * to each size in turn; a server stops stepping at its first room with p99 over the limit or a
 * lost update. Each room gets a fresh server; the server order rotates.
 */
export async function runHotRoomCapacity(options: BenchOptions, runRoot: string): Promise<CapacityResult> {
  const { capacity } = options
  const runs: TrafficRun[] = []
  const largest = new Map<ServerName, number>(options.servers.map((server) => [server, 0]))
  const failedAt = new Map<ServerName, number>()
  let rotation = 0
  for (const clients of [...capacity.clients].sort((a, b) => a - b)) {
    for (const [order, server] of rotate<ServerName>(options.servers, rotation++).entries()) {
      if (failedAt.has(server)) continue
      log(`hot-room capacity, ${clients} clients (${Math.min(clients, capacity.writers)} writing): ${server}`)
      const run = await withServerAndLoad(
        server,
        makeDataDir(runRoot, `capacity-${server}`),
        {},
        options.loadProcesses,
        async (process, loads) => {
          const boards = await process.createBoards(1)
          return measureTraffic(
            process,
            loads,
            boards,
            {
              clientsPerBoard: clients,
              writersPerBoard: capacity.writers,
              docRate: capacity.docRate,
              awarenessRate: capacity.awarenessRate,
              warmupMs: capacity.warmupMs,
              measureMs: capacity.measureMs,
              drainMs: capacity.drainMs,
              seed: options.seed,
            },
            order,
          )
        },
      )
      log(`  ${describe(run)}`)
      runs.push(run)
      if (run.result.lost === 0 && run.result.sent > 0 && run.result.doc.p99 < capacity.p99LimitMs)
        largest.set(server, clients)
      else failedAt.set(server, clients)
    }
  }
  return {
    runs,
    capacity: options.servers.map((server) => ({
      server,
      clients: largest.get(server) ?? 0,
      firstFailure: failedAt.get(server) ?? null,
    })),
    writers: capacity.writers,
    p99LimitMs: capacity.p99LimitMs,
  }
}
