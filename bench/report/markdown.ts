/** bench/results/latest.md: the tables the README quotes. */
import type { ServerName } from '../ipc.js'
import type { TrafficRun } from '../scenarios/common.js'
import { capacityMarkdown, clientMarkdown } from './clientReport.js'
import type { BenchResults } from './results.js'

const OURS: ServerName = 'tilannekuva'

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '—')

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

function trafficRows(runs: readonly TrafficRun[], withClients: boolean): string[][] {
  return runs.map((run) => {
    const ours = runs.find(
      (other) => other.server === OURS && other.clientsPerBoard === run.clientsPerBoard && other.boards === run.boards,
    )
    const ratio = ours && run.server !== OURS ? fmt(ours.result.doc.p99 / run.result.doc.p99, 2) : '—'
    const r = run.result
    return [
      ...(withClients ? [String(run.clientsPerBoard)] : []),
      run.server === OURS ? `**${run.server}**` : run.server,
      `${fmt(r.sentPerSecond, 0)} of ${fmt(run.nominalPerSecond, 0)}${run.generatorBound ? ' ⚠' : ''}`,
      fmt(r.doc.p50),
      fmt(r.doc.p95),
      fmt(r.doc.p99),
      fmt(r.doc.max),
      `${r.lost} / ${r.sent}`,
      fmt(r.awareness.p99),
      fmt(run.serverCpuPercent, 0),
      fmt(run.serverCpuUsPerDelivery, 1),
      run.serverLoopDelay ? `${fmt(run.serverLoopDelay.p99)} / ${fmt(run.serverLoopDelay.max)}` : '—',
      mib(run.serverPeakRss),
      // Older results have only the total.
      (r.loadCpuPercentPerProcess ?? [r.loadCpuPercent]).map((percent) => fmt(percent, 0)).join(' + '),
      ratio,
    ]
  })
}

const TRAFFIC_HEADER = [
  'server',
  'updates/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'lost / sent',
  'cursor p99 ms',
  'server CPU %',
  'server CPU µs / delivery',
  'server loop delay p99 / max ms',
  'server peak RSS MiB',
  'load-gen CPU %',
  'ours p99 ÷ this',
]

function generatorNote(loadProcesses: number, cpus: number): string {
  const spread =
    loadProcesses > 1
      ? `spread round-robin over ${loadProcesses} load-generator processes, so every board has clients in each and updates cross ` +
        'processes (send and arrival times come from the machine’s one wall clock)'
      : 'all in one load-generator process'
  return (
    `⚠ = the load generators could not keep to the schedule (sent < 90 % of it, or one process used > 90 % of a core), ` +
    `or server and generators together used > 90 % of all ${cpus} cores. ` +
    `Every simulated client is a full client (the server’s own client library) that applies every update and cursor, ${spread}; ` +
    `“load-gen CPU %” is each process’s CPU (% of one core${loadProcesses > 1 ? ', one figure per process' : ''}). ` +
    `Server and generators share ${cpus} cores, so when the generators together near what the server leaves free, the latency ` +
    'measures their backlog more than the server. Stock y-websocket 3 clients (the reference server’s) also send every cursor ' +
    'update they receive back to the server, which multiplies the generators’ work; our provider and Hocuspocus’s do not. ' +
    '“server CPU µs / delivery” (server CPU over the window ÷ messages delivered to clients) compares the servers regardless; ' +
    '“server loop delay” is how late the server’s event loop ran (10 ms timer resolution, so ~10 ms is idle): a stall there delays every client.'
  )
}

export function markdownReport(results: BenchResults): string {
  const { meta } = results
  const out: string[] = []
  const v = meta.versions
  // Results written before there were several load generators ran one.
  const loadProcesses = meta.options.loadProcesses ?? 1
  out.push(`## Benchmark${meta.quick ? ' (quick mode: tiny sizes, numbers not meaningful)' : ''}`)
  out.push('')
  out.push(
    `Tilannekuva against Hocuspocus ${v['@hocuspocus/server']} (SQLite extension ${v['@hocuspocus/extension-sqlite']}, client @hocuspocus/provider ${v['@hocuspocus/provider']}) ` +
      `and the y-websocket ${v['y-websocket-legacy']} reference server (y-leveldb ${v['y-leveldb (reference server)']}; ` +
      `client y-websocket ${v['y-websocket']}, as for ours), on the same workload, in one run (\`npm run bench\`, ${meta.startedAt.slice(0, 16).replace('T', ' ')} UTC).`,
  )
  out.push('')
  out.push(
    `Machine: ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}; load average ${fmt(meta.loadAverage.start, 2)} at the start, ${fmt(meta.loadAverage.end, 2)} at the end ` +
      '(other engineers’ builds and tests shared the machine: compare the ratios, not the absolute times). ' +
      'Each server runs alone in its own process (bundled with esbuild and run by plain node, as `npm start` runs ours), started fresh for every ' +
      `measurement, in rotating order; the simulated clients run in ${loadProcesses === 1 ? 'another process' : `${loadProcesses} other processes`} ` +
      '(the load generators; their CPU is in the tables: when one nears 100 % of a core it, not the server, limits the latency). ' +
      'Workload: tldraw note records (~600 B) in the board layout of `shared/boardDocument.ts` (YKeyValue), written as YKeyValue writes them.',
  )
  out.push('')
  out.push(
    '**Persistence differs**: Tilannekuva appends every update to SQLite (WAL, synchronous=NORMAL) *before* broadcasting it. ' +
      'Hocuspocus stores the whole document debounced (2 s after the last change, at most every 10 s, and on unload). ' +
      'The y-websocket reference server broadcasts first and queues each update to LevelDB afterwards. ' +
      'The peers’ latencies therefore do not include a durable write.',
  )
  out.push('')

  if (results.targets.length > 0) {
    out.push('### Targets (issues 3 and 10)')
    out.push('')
    out.push(
      table(
        ['target', 'ours', 'best peer', 'ours ÷ best peer', 'met'],
        results.targets.map((t) => [
          t.target,
          t.ours,
          t.bestPeer,
          t.ratio === null ? '—' : fmt(t.ratio, 2),
          t.met === null ? '—' : t.met ? 'yes' : '**no**',
        ]),
      ),
    )
    out.push('')
  }

  if (results.hotRoom.length > 0) {
    const o = meta.options.hotRoom
    out.push(
      `### 1. Hot room: one board, each client ${o.docRate} note updates/s and ${o.awarenessRate} cursor updates/s`,
    )
    out.push('')
    const rounds = o.rounds ?? 1
    out.push(
      `Latency of a note update = until *every* other client has it. ${o.warmupMs / 1000} s warm-up excluded, ${o.measureMs / 1000} s measured. ` +
        'Cursor p99 is per receiving client.' +
        (rounds > 1
          ? ` Each size was measured ${rounds} times per server, servers rotating; each row is the round with the median p99.`
          : ''),
    )
    out.push('')
    out.push(table(['clients', ...TRAFFIC_HEADER], trafficRows(results.hotRoom, true)))
    out.push('')
    if (rounds > 1) {
      const lines = results.hotRoom
        .filter((run) => run.roundP99s && run.roundP99s.length > 1)
        .map(
          (run) =>
            `${run.clientsPerBoard} clients, ${run.server}: ${run.roundP99s!.map((p99) => fmt(p99, 0)).join(' / ')} ms`,
        )
      out.push(`p99 of every round: ${lines.join('; ')}.`)
      out.push('')
    }
    out.push(generatorNote(loadProcesses, meta.cpus))
    out.push('')
    out.push('![p99 latency against clients per board](latest-p99.svg)')
    out.push('')
  }

  if (results.manyBoards.length > 0) {
    const o = meta.options.manyBoards
    const clients = o.boards * o.clientsPerBoard
    out.push(
      `### 2. Many boards: ${o.boards} boards × ${o.clientsPerBoard} clients, ${o.totalRate} note updates/s in total`,
    )
    out.push('')
    out.push(
      `${clients} connections, each ${fmt(o.totalRate / clients, 3)} updates/s${o.awarenessRate > 0 ? ` and ${o.awarenessRate} cursor updates/s` : ', no cursors'}; ${o.measureMs / 1000} s measured.`,
    )
    out.push('')
    out.push(table(TRAFFIC_HEADER, trafficRows(results.manyBoards, false)))
    out.push('')
    out.push(generatorNote(loadProcesses, meta.cpus))
    out.push('')
  }

  if (results.largeBoard.length > 0) {
    const first = results.largeBoard[0]!
    out.push(`### 3. Large board: ${first.notes} notes`)
    out.push('')
    out.push(
      `Cold load: server restarted with the board only on disk; from creating a client until it holds every record (${first.coldLoadMs.length} loads). ` +
        `Stored size: all files in the server’s data directory after ${first.moves.toLocaleString('en')} note moves (one update each), ` +
        'and after each server’s own compaction (restart, load once, stop).',
    )
    out.push('')
    const ours = results.largeBoard.find((run) => run.server === OURS)
    out.push(
      table(
        [
          'server',
          'cold load median ms',
          'cold load p95 ms',
          'ours median ÷ this',
          'stored after seeding MiB',
          `stored after ${first.moves} moves MiB`,
          'after compaction MiB',
          'document MiB',
          'moves took s',
        ],
        results.largeBoard.map((run) => [
          run.server === OURS ? `**${run.server}**` : run.server,
          fmt(run.coldLoadMedianMs),
          fmt(run.coldLoadP95Ms),
          ours && run.server !== OURS ? fmt(ours.coldLoadMedianMs / run.coldLoadMedianMs, 2) : '—',
          mib(run.storedBytesAfterSeed),
          mib(run.storedBytesAfterMoves),
          mib(run.storedBytesAfterCompaction),
          mib(run.docBytes),
          fmt(run.movesMs / 1000),
        ]),
      ),
    )
    out.push('')
  }

  if (results.memory.length > 0) {
    const first = results.memory[0]!
    const cycles = first.cycles.length
    out.push(
      `### 4. Memory: ${first.boards} idle loaded boards (${first.notesPerBoard} notes each, one idle client each), ${cycles} load/evict cycles`,
    )
    out.push('')
    out.push(
      'A peer keeps a board loaded only while a client is connected, so every server holds one idle client per board. Heap after a full GC.',
    )
    out.push('')
    const ours = results.memory.find((run) => run.server === OURS)
    out.push(
      table(
        [
          'server',
          'RSS empty MiB',
          `RSS ${first.boards} boards loaded MiB`,
          'ours ÷ this',
          'heap loaded MiB',
          'heap after evict, cycle 1 MiB',
          `heap after evict, cycle ${cycles} MiB`,
          'heap growth',
          'peak RSS MiB',
        ],
        results.memory.map((run) => {
          const firstCycle = run.cycles[0]!
          const lastCycle = run.cycles[run.cycles.length - 1]!
          return [
            run.server === OURS ? `**${run.server}**` : run.server,
            mib(run.baseline.rss),
            mib(run.loadedRss),
            ours && run.server !== OURS ? fmt(ours.loadedRss / run.loadedRss, 2) : '—',
            mib(firstCycle.loaded.heapUsed),
            mib(firstCycle.unloaded.heapUsed),
            mib(lastCycle.unloaded.heapUsed),
            `${run.heapGrowthPercent >= 0 ? '+' : ''}${fmt(run.heapGrowthPercent)}%`,
            mib(run.peakRss),
          ]
        }),
      ),
    )
    out.push('')
  }

  if (results.snapshot || results.layout) {
    out.push('### 5. Ours only')
    out.push('')
    const rows: string[][] = []
    if (results.snapshot) {
      const s = results.snapshot
      rows.push(
        s.status === 'measured'
          ? [
              `Build a BoardSnapshot of a ${s.notes.toLocaleString('en')}-note board (records → buildBoardSnapshot → JSON)`,
              `median ${fmt(s.medianMs)} ms, p95 ${fmt(s.p95Ms)} ms over ${s.runs} runs; ${s.notesInSnapshot} notes in it, JSON ${(s.jsonBytes / 1024).toFixed(0)} KiB`,
            ]
          : [
              `Build a BoardSnapshot of a ${meta.options.oursOnly.snapshotNotes.toLocaleString('en')}-note board`,
              `not yet available (${s.reason})`,
            ],
      )
    }
    out.push(table(['measurement', 'result'], rows))
    out.push('')
    if (results.layout) {
      const l = results.layout
      out.push(
        `Document layout: encoded document growth (Y.encodeStateAsUpdate) over ${l.moves.toLocaleString('en')} note moves, one transaction each.`,
      )
      out.push('')
      out.push(
        table(
          ['moves of', 'YKeyValue (ours) growth B', 'plain Y.Map growth B', 'Y.Map ÷ YKeyValue', 'size before B'],
          l.cases.map((c) => {
            const kv = c.yKeyValue.after - c.yKeyValue.before
            const map = c.yMap.after - c.yMap.before
            return [
              c.name,
              kv.toLocaleString('en'),
              map.toLocaleString('en'),
              fmt(map / Math.max(1, kv), 1),
              c.yKeyValue.before.toLocaleString('en'),
            ]
          }),
        ),
      )
      out.push('')
    }
  }
  if (results.client && results.client.runs.length > 0)
    out.push(clientMarkdown(results.client, meta.options.client?.rounds ?? 1))
  if (results.capacity && results.capacity.runs.length > 0)
    out.push(capacityMarkdown(results.capacity, meta.options.capacity))
  return `${out.join('\n')}\n`
}
