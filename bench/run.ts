/**
 * `npm run bench [-- flags]`: runs the scenarios of issue 3 against our server, Hocuspocus and the
 * y-websocket reference server, and writes latest.json, latest.md and latest-p99.svg.
 * Every server and the load generators run in child processes; this process only orchestrates
 * and samples their CPU and memory.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BenchOptions, parseOptions, USAGE } from './options.js'
import { p99Chart } from './report/chart.js'
import { clientRatioChart } from './report/clientReport.js'
import { markdownReport } from './report/markdown.js'
import { type BenchResults, checkTargets } from './report/results.js'
import { bundleChildren } from './harness/bundle.js'
import { useBundles } from './harness/children.js'
import { runClient } from './scenarios/client.js'
import { log, makeRunRoot } from './scenarios/common.js'
import { runLargeBoard } from './scenarios/largeBoard.js'
import { runMemory } from './scenarios/memory.js'
import { runOursOnly } from './scenarios/oursOnly.js'
import { runHotRoom, runHotRoomCapacity, runManyBoards } from './scenarios/traffic.js'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

function packageVersion(dir: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', dir, 'package.json'), 'utf8')) as {
        version: string
      }
    ).version
  } catch {
    return 'unknown'
  }
}

function versions(): Record<string, string> {
  return {
    '@hocuspocus/server': packageVersion('@hocuspocus/server'),
    '@hocuspocus/provider': packageVersion('@hocuspocus/provider'),
    '@hocuspocus/extension-sqlite': packageVersion('@hocuspocus/extension-sqlite'),
    'y-websocket-legacy': packageVersion('y-websocket-legacy'),
    'y-leveldb (reference server)':
      packageVersion('y-websocket-legacy/node_modules/y-leveldb') === 'unknown'
        ? packageVersion('y-leveldb')
        : packageVersion('y-websocket-legacy/node_modules/y-leveldb'),
    'y-websocket': packageVersion('y-websocket'),
    yjs: packageVersion('yjs'),
    'better-sqlite3': packageVersion('better-sqlite3'),
    ws: packageVersion('ws'),
  }
}

async function main(options: BenchOptions): Promise<number> {
  const startedAt = new Date()
  const loadStart = os.loadavg()[0]!
  const runRoot = makeRunRoot()
  const errors: string[] = []
  const results: Omit<BenchResults, 'targets' | 'meta'> = {
    hotRoom: [],
    manyBoards: [],
    largeBoard: [],
    memory: [],
    snapshot: null,
    layout: null,
    client: null,
    capacity: null,
  }
  log(`${options.quick ? 'quick' : 'full'} run: ${options.scenarios.join(', ')} on ${options.servers.join(', ')}`)
  const oursRoot = process.env.BENCH_OURS_ROOT
  if (oursRoot) log(`our server from ${oursRoot}`)
  const bundles = await bundleChildren(oursRoot)
  useBundles(bundles)
  const attempt = async (name: string, body: () => Promise<void>) => {
    try {
      await body()
    } catch (error) {
      const message = `${name} failed: ${(error as Error)?.stack ?? String(error)}`
      log(message)
      errors.push(message)
    }
  }
  try {
    for (const scenario of options.scenarios) {
      switch (scenario) {
        case 'hot-room':
          await attempt(scenario, async () => {
            results.hotRoom = await runHotRoom(options, runRoot)
          })
          break
        case 'many-boards':
          await attempt(scenario, async () => {
            results.manyBoards = await runManyBoards(options, runRoot)
          })
          break
        case 'large-board':
          await attempt(scenario, async () => {
            results.largeBoard = await runLargeBoard(options, runRoot)
          })
          break
        case 'memory':
          await attempt(scenario, async () => {
            results.memory = await runMemory(options, runRoot)
          })
          break
        case 'ours-only':
          await attempt(scenario, async () => {
            const { snapshot, layout } = await runOursOnly(options)
            results.snapshot = snapshot
            results.layout = layout
          })
          break
        case 'hot-room-capacity':
          await attempt(scenario, async () => {
            results.capacity = await runHotRoomCapacity(options, runRoot)
          })
          break
        case 'client':
          await attempt(scenario, async () => {
            results.client = await runClient(options, runRoot)
          })
          break
        default: {
          const never: never = scenario
          throw new Error(`unknown scenario ${String(never)}`)
        }
      }
    }
  } finally {
    fs.rmSync(runRoot, { recursive: true, force: true })
    fs.rmSync(bundles.dir, { recursive: true, force: true })
  }

  const withMeta: Omit<BenchResults, 'targets'> = {
    meta: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      quick: options.quick,
      node: process.versions.node,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
      versions: versions(),
      options,
    },
    ...results,
  }
  const full: BenchResults & { errors: string[] } = { ...withMeta, targets: checkTargets(withMeta), errors }
  fs.mkdirSync(options.outDir, { recursive: true })
  fs.writeFileSync(path.join(options.outDir, 'latest.json'), `${JSON.stringify(full, null, 2)}\n`)
  fs.writeFileSync(path.join(options.outDir, 'latest.md'), markdownReport(full))
  if (results.hotRoom.length > 0 || results.manyBoards.length > 0) {
    const subtitle = `${options.quick ? 'quick mode, ' : ''}${withMeta.meta.cpus} cores shared by server and load generators, ${startedAt.toISOString().slice(0, 10)}`
    fs.writeFileSync(
      path.join(options.outDir, 'latest-p99.svg'),
      p99Chart(results.hotRoom, results.manyBoards, subtitle),
    )
  }
  if (results.client && results.client.runs.length > 0) {
    const subtitle = `${options.quick ? 'quick mode, ' : ''}medians of ${options.client.rounds} loads per app, ${startedAt.toISOString().slice(0, 10)}, load average ${os.loadavg()[0]!.toFixed(1)}`
    fs.writeFileSync(path.join(options.outDir, 'latest-client.svg'), clientRatioChart(results.client, subtitle))
  }
  log(
    `results in ${path.relative(process.cwd(), options.outDir) || '.'}/latest.{json,md,svg} (${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`,
  )
  for (const target of full.targets)
    log(
      `  ${target.met === null ? '·' : target.met ? 'met ' : 'MISS'} ${target.target}: ours ${target.ours}, best peer ${target.bestPeer}`,
    )
  return errors.length > 0 ? 1 : 0
}

let options: BenchOptions | 'help'
try {
  options = parseOptions(process.argv.slice(2))
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}
if (options === 'help') {
  console.log(USAGE)
} else {
  process.exitCode = await main(options)
}
