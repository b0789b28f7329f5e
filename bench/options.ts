/**
 * What a benchmark run does: the defaults of issue 3, the small `--quick` set, and flags that
 * change either. `npm run bench -- --help` lists the flags.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SERVER_NAMES, type ServerName } from './ipc.js'

export const SCENARIO_NAMES = [
  'hot-room',
  'many-boards',
  'large-board',
  'memory',
  'ours-only',
  'client',
  'hot-room-capacity',
] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export interface BenchOptions {
  quick: boolean
  servers: ServerName[]
  scenarios: ScenarioName[]
  /** Where latest.json, latest.md and latest-p99.svg go. */
  outDir: string
  seed: number
  /** Load-generator processes that share the clients of the hot room and many boards (round-robin). */
  loadProcesses: number
  hotRoom: {
    clients: number[]
    /** Measurements per server and client count; the tables show the one with the median p99. */
    rounds: number
    docRate: number
    awarenessRate: number
    warmupMs: number
    measureMs: number
    drainMs: number
  }
  manyBoards: {
    boards: number
    clientsPerBoard: number
    /** Document updates per second over all clients. */
    totalRate: number
    /** Cursor updates per second per client (the issue asks for document updates only). */
    awarenessRate: number
    warmupMs: number
    measureMs: number
    drainMs: number
  }
  largeBoard: {
    notes: number
    loads: number
    moves: number
    window: number
    /** Pause after the moves before measuring the stored size, for writes queued after broadcast. */
    settleMs: number
  }
  memory: { boards: number; notesPerBoard: number; cycles: number }
  oursOnly: { layoutMoves: number; snapshotNotes: number; snapshotRuns: number }
  /**
   * The hot room's capacity: a few full clients write while light receivers (no Y.Doc) fill the
   * room, stepping its size until p99 reaches the limit or an update is lost.
   */
  capacity: {
    clients: number[]
    writers: number
    docRate: number
    awarenessRate: number
    p99LimitMs: number
    warmupMs: number
    measureMs: number
    drainMs: number
  }
  /** The browser benchmark: our built app beside bare tldraw in headless Chromium. */
  client: {
    notes: number[]
    /** Page loads per app and note count, apps alternating; the tables show medians. */
    rounds: number
    /** How long the camera pans, and how long the second participant's moves are measured. */
    panMs: number
    movesMs: number
  }
}

const resultsDir = fileURLToPath(new URL('./results', import.meta.url))

export function defaultOptions(): BenchOptions {
  return {
    quick: false,
    servers: [...SERVER_NAMES],
    scenarios: [...SCENARIO_NAMES],
    outDir: resultsDir,
    seed: 3,
    loadProcesses: 2,
    hotRoom: {
      clients: [10, 50, 100, 200],
      rounds: 3,
      docRate: 2,
      awarenessRate: 5,
      warmupMs: 5_000,
      measureMs: 20_000,
      drainMs: 10_000,
    },
    manyBoards: {
      boards: 500,
      clientsPerBoard: 3,
      totalRate: 350,
      awarenessRate: 0,
      warmupMs: 5_000,
      measureMs: 60_000,
      drainMs: 10_000,
    },
    largeBoard: { notes: 5_000, loads: 20, moves: 100_000, window: 200, settleMs: 3_000 },
    memory: { boards: 1_000, notesPerBoard: 20, cycles: 10 },
    oursOnly: { layoutMoves: 10_000, snapshotNotes: 5_000, snapshotRuns: 20 },
    client: { notes: [500, 2_000, 5_000], rounds: 3, panMs: 5_000, movesMs: 5_000 },
    capacity: {
      clients: [100, 200, 400, 700, 1_000],
      writers: 10,
      docRate: 2,
      awarenessRate: 5,
      p99LimitMs: 100,
      warmupMs: 3_000,
      measureMs: 10_000,
      drainMs: 5_000,
    },
  }
}

/** Every scenario, small: meant to finish in well under a minute and to keep the harness honest. */
export function quickOptions(): BenchOptions {
  const options = defaultOptions()
  return {
    ...options,
    quick: true,
    // The browser scenario needs Chromium and a build: tens of seconds even tiny, too slow for
    // `npm test`; `--quick --scenarios=client` runs its tiny version.
    scenarios: SCENARIO_NAMES.filter((name) => name !== 'client'),
    hotRoom: { ...options.hotRoom, clients: [10], rounds: 1, warmupMs: 300, measureMs: 1_200, drainMs: 3_000 },
    manyBoards: { ...options.manyBoards, boards: 20, totalRate: 60, warmupMs: 300, measureMs: 1_200, drainMs: 3_000 },
    largeBoard: { notes: 300, loads: 1, moves: 600, window: 100, settleMs: 300 },
    memory: { boards: 40, notesPerBoard: 5, cycles: 2 },
    oursOnly: { layoutMoves: 1_000, snapshotNotes: 300, snapshotRuns: 3 },
    client: { notes: [100], rounds: 1, panMs: 1_000, movesMs: 1_000 },
    capacity: { ...options.capacity, clients: [30], writers: 3, warmupMs: 300, measureMs: 1_200, drainMs: 3_000 },
  }
}

export const USAGE = `npm run bench -- [flags]
  --quick                 every scenario but client, small (< 1 min)
  --scenarios=a,b         ${SCENARIO_NAMES.join(', ')}
  --servers=a,b           ${SERVER_NAMES.join(', ')}
  --clients=10,50         hot room: clients per board
  --capacity-clients=a,b  hot-room capacity: room sizes to step through
  --rounds=N              hot room and client: measurements per server/app and size (median shown)
  --measure=SECONDS       hot room and many boards: measured window
  --load-processes=N      hot room and many boards: load-generator processes (default 2)
  --boards=N              many boards: number of boards
  --notes=N[,M]           client: note counts; large board: the largest of them
  --loads=N               large board: cold loads
  --moves=N               large board: note moves before measuring stored size
  --idle-boards=N         memory: idle boards
  --cycles=N              memory: load/evict cycles
  --out=DIR               where results go (default bench/results)`

function list<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  const items = value.split(',').filter(Boolean)
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${flag}: unknown "${item}" (choose from ${allowed.join(', ')})`)
  }
  return items as T[]
}

function positive(value: string, flag: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} must be a positive number`)
  return number
}

/** Parses command-line flags; throws with a readable message on a bad one. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help'
  const options = argv.includes('--quick') ? quickOptions() : defaultOptions()
  for (const arg of argv) {
    if (arg === '--quick') continue
    const match = /^--([a-z-]+)=(.*)$/.exec(arg)
    if (!match) throw new Error(`unknown argument ${arg}\n${USAGE}`)
    const [, flag, value] = match as unknown as [string, string, string]
    switch (flag) {
      case 'scenarios':
        options.scenarios = list(value, SCENARIO_NAMES, '--scenarios')
        break
      case 'servers':
        options.servers = list(value, SERVER_NAMES, '--servers')
        break
      case 'rounds':
        options.hotRoom.rounds = Math.round(positive(value, '--rounds'))
        options.client.rounds = options.hotRoom.rounds
        break
      case 'clients':
        options.hotRoom.clients = value.split(',').map((v) => Math.round(positive(v, '--clients')))
        break
      case 'capacity-clients':
        options.capacity.clients = value.split(',').map((v) => Math.round(positive(v, '--capacity-clients')))
        break
      case 'measure':
        options.hotRoom.measureMs = positive(value, '--measure') * 1000
        options.manyBoards.measureMs = options.hotRoom.measureMs
        break
      case 'load-processes':
        options.loadProcesses = Math.max(1, Math.round(positive(value, '--load-processes')))
        break
      case 'boards':
        options.manyBoards.boards = Math.round(positive(value, '--boards'))
        break
      case 'notes':
        options.client.notes = value.split(',').map((v) => Math.round(positive(v, '--notes')))
        options.largeBoard.notes = Math.max(...options.client.notes)
        options.oursOnly.snapshotNotes = options.largeBoard.notes
        break
      case 'loads':
        options.largeBoard.loads = Math.round(positive(value, '--loads'))
        break
      case 'moves':
        options.largeBoard.moves = Math.round(positive(value, '--moves'))
        break
      case 'idle-boards':
        options.memory.boards = Math.round(positive(value, '--idle-boards'))
        break
      case 'cycles':
        options.memory.cycles = Math.round(positive(value, '--cycles'))
        break
      case 'out':
        options.outDir = path.resolve(value)
        break
      default:
        throw new Error(`unknown flag --${flag}\n${USAGE}`)
    }
  }
  return options
}
