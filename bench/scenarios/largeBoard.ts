/**
 * Scenario 3: a board of 5,000 notes. Cold load = the server restarted with the board only on
 * disk, until a new client holds every record. Then 100,000 note moves, and the stored size
 * after them and after each server's own compaction (a restart and one load: ours compacts when
 * a room closes, y-leveldb when it loads a log longer than 500, Hocuspocus always stores whole).
 */
import type { BoardRef, MovesResult, SeedResult, ServerName } from '../ipc.js'
import type { BenchOptions } from '../options.js'
import { median, percentile } from '../stats.js'
import { LoadProcess, ServerProcess } from '../harness/children.js'
import { blankBoardOnce, directoryBytes, log, makeDataDir, rotate } from './common.js'

export interface LargeBoardRun {
  server: ServerName
  notes: number
  seedMs: number
  coldLoadMs: number[]
  coldLoadMedianMs: number
  coldLoadP95Ms: number
  moves: number
  movesMs: number
  /** Encoded document after the moves (Y.encodeStateAsUpdate at a client). */
  docBytes: number
  storedBytesAfterSeed: number
  storedBytesAfterMoves: number
  storedBytesAfterCompaction: number
  order: number
}

export async function runLargeBoard(options: BenchOptions, runRoot: string): Promise<LargeBoardRun[]> {
  const runs: LargeBoardRun[] = []
  const { notes, loads, moves, window } = options.largeBoard
  for (const [order, name] of rotate<ServerName>(options.servers, 2).entries()) {
    log(`large board, ${notes} notes: ${name}`)
    const dataDir = makeDataDir(runRoot, `large-${name}`)
    const load = await LoadProcess.start()
    let server: ServerProcess | null = null
    const restart = async () => {
      await server?.stop()
      server = await ServerProcess.start(name, dataDir)
      return server
    }
    try {
      let current = await restart()
      const [board] = await current.createBoards(1)
      const ref = board as BoardRef
      const seeded = await load.run<SeedResult>(
        {
          kind: 'seed',
          target: current.target,
          boards: [ref],
          blankBoard: await blankBoardOnce(),
          notesPerBoard: notes,
          notesPerTransaction: 100,
          seed: options.seed,
        },
        600_000,
      )
      const expectedRecords = seeded.records
      await current.stop()
      server = null
      const storedBytesAfterSeed = directoryBytes(dataDir)
      const coldLoadMs: number[] = []
      for (let i = 0; i < loads; i++) {
        current = await restart()
        const loaded = await load.run<{ ms: number }>(
          { kind: 'coldLoad', target: current.target, board: ref, expectedRecords, timeoutMs: 120_000 },
          180_000,
        )
        coldLoadMs.push(loaded.ms)
      }
      log(`  cold load median ${median(coldLoadMs).toFixed(0)} ms over ${loads}`)
      current = server ?? (await restart())
      const moved = await load.run<MovesResult>(
        {
          kind: 'moves',
          target: current.target,
          board: ref,
          expectedRecords,
          moves,
          notes,
          window,
          seed: options.seed,
          timeoutMs: 1_200_000,
        },
        1_300_000,
      )
      // Let queued writes (LevelDB, a debounced store on unload) land before measuring.
      await new Promise((resolve) => setTimeout(resolve, options.largeBoard.settleMs))
      const storedBytesAfterMoves = directoryBytes(dataDir)
      current = await restart()
      await load.run(
        { kind: 'coldLoad', target: current.target, board: ref, expectedRecords, timeoutMs: 120_000 },
        180_000,
      )
      await current.stop()
      server = null
      const storedBytesAfterCompaction = directoryBytes(dataDir)
      const run: LargeBoardRun = {
        server: name,
        notes,
        seedMs: seeded.ms,
        coldLoadMs,
        coldLoadMedianMs: median(coldLoadMs),
        coldLoadP95Ms: percentile(
          [...coldLoadMs].sort((a, b) => a - b),
          95,
        ),
        moves,
        movesMs: moved.ms,
        docBytes: moved.docBytes,
        storedBytesAfterSeed,
        storedBytesAfterMoves,
        storedBytesAfterCompaction,
        order,
      }
      log(
        `  ${moves} moves in ${(moved.ms / 1000).toFixed(1)} s; stored ${mib(storedBytesAfterMoves)} → ${mib(storedBytesAfterCompaction)} MiB`,
      )
      runs.push(run)
    } finally {
      await (server as ServerProcess | null)?.stop().catch(() => undefined)
      await load.stop()
    }
  }
  return runs
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2)
}
