/**
 * Scenario 4: memory of 1,000 idle loaded boards, and whether memory comes back when they are
 * evicted. A board stays loaded on the peers only while a client is connected, so every server
 * gets the same: one idle client per board. A cycle opens them all, measures, closes them and
 * waits until the server has unloaded every board (ours after ROOM_IDLE_MS, here 250 ms), then
 * measures the heap after a full GC.
 */
import type { BoardRef, SeedResult, ServerName, ServerStats } from '../ipc.js'
import type { BenchOptions } from '../options.js'
import { LoadProcess, ServerProcess } from '../harness/children.js'
import { memory } from '../harness/proc.js'
import { blankBoardOnce, log, makeDataDir, rotate } from './common.js'

export interface MemoryCycle {
  /** With every board loaded and one idle client on each. */
  loaded: ServerStats
  /** After every board was unloaded, after GC. */
  unloaded: ServerStats
  connectMs: number
  unloadMs: number
}

export interface MemoryRun {
  server: ServerName
  boards: number
  notesPerBoard: number
  /** Fresh server, nothing loaded, after GC. */
  baseline: ServerStats
  cycles: MemoryCycle[]
  /** RSS with every board loaded in the first cycle, and the highest RSS the process ever had. */
  loadedRss: number
  peakRss: number
  /** Heap after the last cycle's eviction relative to the first's, in percent. */
  heapGrowthPercent: number
  order: number
}

const ROOM_IDLE_MS = '250'
const UNLOAD_TIMEOUT_MS = 120_000

async function waitUnloaded(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + UNLOAD_TIMEOUT_MS
  while ((await server.stats()).loadedDocs > 0) {
    if (Date.now() > deadline) throw new Error(`${server.name} kept boards loaded for ${UNLOAD_TIMEOUT_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function runMemory(options: BenchOptions, runRoot: string): Promise<MemoryRun[]> {
  const runs: MemoryRun[] = []
  const { boards: boardCount, notesPerBoard, cycles } = options.memory
  const env = { ROOM_IDLE_MS }
  for (const [order, name] of rotate<ServerName>(options.servers, 3).entries()) {
    log(`memory, ${boardCount} idle boards × ${cycles} cycles: ${name}`)
    const dataDir = makeDataDir(runRoot, `memory-${name}`)
    const load = await LoadProcess.start()
    let server: ServerProcess | null = null
    try {
      // Seed in one server process, measure in a fresh one: seeding must not count.
      server = await ServerProcess.start(name, dataDir, env)
      const boards: BoardRef[] = await server.createBoards(boardCount)
      const seeded = await load.run<SeedResult>(
        {
          kind: 'seed',
          target: server.target,
          boards,
          blankBoard: await blankBoardOnce(),
          notesPerBoard,
          notesPerTransaction: notesPerBoard,
          seed: options.seed,
        },
        900_000,
      )
      await server.stop()
      server = await ServerProcess.start(name, dataDir, env)
      const baseline = await server.stats(true)
      const results: MemoryCycle[] = []
      for (let cycle = 0; cycle < cycles; cycle++) {
        const connected = await load.run<{ ms: number }>(
          { kind: 'connectIdle', target: server.target, boards, expectedRecords: seeded.records, concurrency: 50 },
          900_000,
        )
        const loaded = await server.stats(true)
        if (loaded.loadedDocs !== boardCount)
          throw new Error(`${name} holds ${loaded.loadedDocs} boards, expected ${boardCount}`)
        const unloadStarted = performance.now()
        await load.run({ kind: 'disconnectAll' }, 120_000)
        await waitUnloaded(server)
        const unloadMs = performance.now() - unloadStarted
        const unloaded = await server.stats(true)
        results.push({ loaded, unloaded, connectMs: connected.ms, unloadMs })
      }
      const peakRss = memory(server.pid).peakRss
      const first = results[0]!
      const last = results[results.length - 1]!
      const run: MemoryRun = {
        server: name,
        boards: boardCount,
        notesPerBoard,
        baseline,
        cycles: results,
        loadedRss: first.loaded.rss,
        peakRss,
        heapGrowthPercent: (last.unloaded.heapUsed / first.unloaded.heapUsed - 1) * 100,
        order,
      }
      log(`  loaded RSS ${(run.loadedRss / 2 ** 20).toFixed(0)} MiB, heap growth ${run.heapGrowthPercent.toFixed(1)}%`)
      runs.push(run)
    } finally {
      await server?.stop().catch(() => undefined)
      await load.stop()
    }
  }
  return runs
}
