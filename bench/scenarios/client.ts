/**
 * Scenario "client" (issue 10): our built app beside a bare tldraw anchor holding the same notes,
 * in headless Chromium, alternating rounds. Per page: navigation → every note painted, the longest
 * task before that, heap after GC, frames while panning and while a second participant drags 20
 * notes (ours: a real client through the server; the anchor: the same moves made in the page).
 * Plus the bytes of the home page and a board page. Headless Chromium runs rAF faster than 60 Hz
 * when idle, so frame numbers are read as ratios to the anchor, not as absolutes.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchOptions } from '../options.js'
import { median, percentile } from '../stats.js'
import { noteText, seededRandom } from '../workload.js'
import { buildAnchor } from '../anchor/build.js'
import { benchNotes, buildOurApp, OurApp, serveAnchor, startRemoteMover } from '../client/apps.js'
import type { BenchNote } from '../client/moves.js'
import {
  countStoreChanges,
  type FrameWindow,
  longTasks,
  measureFrames,
  pan,
  probeScript,
  waitForPainted,
} from '../client/probe.js'
import { log, makeDataDir, rotate } from './common.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/helpers/chromium.js'

export const CLIENT_APPS = ['tilannekuva', 'anchor'] as const
export type ClientApp = (typeof CLIENT_APPS)[number]

const VIEWPORT = { width: 1280, height: 800 }
const LOAD_TIMEOUT_MS = 300_000
/** Moves run this long before their frames are measured, so the page is in its steady state. */
const MOVES_WARMUP_MS = 500
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface FrameSummary {
  fps: number
  p95FrameMs: number
  p99FrameMs: number
  longTasks: number
  longestTaskMs: number
}

export interface ClientPageRun {
  app: ClientApp
  notes: number
  round: number
  /** Navigation start → the frame after every note is in the page. */
  paintedMs: number
  /** The longest task between navigation and that frame (0: none over 50 ms). */
  longestTaskBeforePaintMs: number
  heapAfterGcBytes: number
  pan: FrameSummary
  moves: FrameSummary & { moveSteps: number; storeChangesPerSecond: number }
}

export interface ClientBytes {
  app: ClientApp
  page: 'home' | 'board'
  /** Bytes over the wire (headers and bodies, compressed as sent), HTTP only. */
  bytes: number
  /** The same bodies decompressed: what the page would pull with no compression. */
  decodedBytes: number
  requests: number
}

export interface ClientResult {
  /** Where our app was built from (the repository, or BENCH_OURS_ROOT). */
  oursRoot: string
  runs: ClientPageRun[]
  bytes: ClientBytes[]
  /** Page loads that failed (e.g. timed out on an overloaded machine); the others still count. */
  failures: string[]
}

function summarizeFrames(window: FrameWindow): FrameSummary {
  const sorted = [...window.frames].sort((a, b) => a - b)
  const total = window.frames.reduce((sum, frame) => sum + frame, 0)
  return {
    fps: total > 0 ? (window.frames.length / total) * 1000 : 0,
    p95FrameMs: percentile(sorted, 95),
    p99FrameMs: percentile(sorted, 99),
    longTasks: window.longTasks.length,
    longestTaskMs: Math.max(0, ...window.longTasks.map(([, duration]) => duration)),
  }
}

const noteSelector = (app: ClientApp) => `.tl-shape[data-shape-type="${app === 'anchor' ? 'note' : 'situation-note'}"]`

/** A fresh person (own storage, named already, so no prompt) with the probe installed. */
async function newBenchContext(browser: Browser, app: ClientApp, notes: number): Promise<BrowserContext> {
  // The probe's polling evaluates strings in the page, which our app's Content-Security-Policy forbids.
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fi-FI', bypassCSP: true })
  await context.addInitScript({
    content: `try { localStorage.setItem('tilannekuva.user', JSON.stringify({ id: 'bench-viewer', name: 'Katsoja', color: '#1C7ED6' })); localStorage.setItem('tilannekuva.group', 'other') } catch {}`,
  })
  await context.addInitScript({ content: probeScript(noteSelector(app), notes) })
  return context
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const usage = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usage.usedSize
}

/**
 * BENCH_PROFILE_DIR=dir: a CPU profile of the page (open it in Chrome DevTools), started here and
 * written by the returned function under the given name; nothing without the variable.
 */
async function startPageProfile(page: Page): Promise<((name: string) => Promise<void>) | null> {
  const dir = process.env.BENCH_PROFILE_DIR
  if (!dir) return null
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
  return async (name) => {
    const { profile } = await cdp.send('Profiler.stop')
    await cdp.detach()
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface AppUnderTest {
  app: ClientApp
  url: string
  notes: BenchNote[]
  startMoves(page: Page): Promise<() => Promise<number>>
}

async function measurePage(
  browser: Browser,
  target: AppUnderTest,
  round: number,
  options: BenchOptions,
): Promise<ClientPageRun> {
  const context = await newBenchContext(browser, target.app, target.notes.length)
  try {
    const page = await context.newPage()
    await page.goto(target.url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })
    const paintedMs = await waitForPainted(page, LOAD_TIMEOUT_MS)
    const before = (await longTasks(page)).filter(([start]) => start < paintedMs)
    await sleep(1000)
    const heapAfterGcBytes = await heapAfterGc(page)
    const panned = await measureFrames(page, () => pan(page, options.client.panMs))
    await countStoreChanges(page)
    const stopMoves = await target.startMoves(page)
    let moveSteps = 0
    const profile = await startPageProfile(page)
    const moved = await measureFrames(page, async () => {
      await sleep(MOVES_WARMUP_MS)
      await sleep(options.client.movesMs)
    }).finally(async () => {
      moveSteps = await stopMoves()
      await profile?.(`${target.app}-${target.notes.length}-round${round}-moves`)
    })
    return {
      app: target.app,
      notes: target.notes.length,
      round,
      paintedMs,
      longestTaskBeforePaintMs: Math.max(0, ...before.map(([, duration]) => duration)),
      heapAfterGcBytes,
      pan: summarizeFrames(panned),
      moves: { ...summarizeFrames(moved), moveSteps, storeChangesPerSecond: (moved.storeChanges / moved.ms) * 1000 },
    }
  } finally {
    await context.close()
  }
}

/** Bytes a cold visit pulls over HTTP until `ready` resolves (and a second more). */
async function measureBytes(
  browser: Browser,
  app: ClientApp,
  notes: number,
  url: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ bytes: number; decodedBytes: number; requests: number }> {
  const context = await newBenchContext(browser, app, notes)
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    let bytes = 0
    let decodedBytes = 0
    let requests = 0
    cdp.on('Network.dataReceived', (event) => {
      decodedBytes += event.dataLength
    })
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength
      requests++
    })
    await cdp.send('Network.enable')
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })
    await ready(page)
    await sleep(1000)
    return { bytes, decodedBytes, requests }
  } finally {
    await context.close()
  }
}

/** Runs the client scenario for every note count in `options.client.notes`. */
export async function runClient(options: BenchOptions, runRoot: string): Promise<ClientResult> {
  const oursRoot = process.env.BENCH_OURS_ROOT ?? repoRoot
  log(`client: building our app in ${oursRoot} and the anchor`)
  buildOurApp(oursRoot)
  const anchorDir = await buildAnchor()
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  const ours = await OurApp.start(oursRoot, makeDataDir(runRoot, 'client-ours'))
  const result: ClientResult = { oursRoot, runs: [], bytes: [], failures: [] }
  let rotation = 0
  try {
    for (const [sizeIndex, count] of options.client.notes.entries()) {
      const notes = benchNotes(count, seededRandom(options.seed + count), noteText)
      const board = await ours.createBoard(notes)
      const anchor = await serveAnchor(anchorDir, notes)
      const targets: Record<ClientApp, AppUnderTest> = {
        tilannekuva: {
          app: 'tilannekuva',
          url: board.link,
          notes,
          startMoves: () => startRemoteMover(ours, board, notes),
        },
        anchor: {
          app: 'anchor',
          url: anchor.url,
          notes,
          async startMoves(page) {
            await page.evaluate('window.__anchor.startMoves()')
            return async () => {
              await page.evaluate('window.__anchor.stopMoves()')
              return -1
            }
          },
        },
      }
      try {
        if (sizeIndex === 0) {
          // Bytes depend on the page, not on the note count: measured once, at the first size.
          const home = await measureBytes(browser, 'tilannekuva', count, `${ours.url}/`, (page) =>
            page.getByTestId('create-board-form').waitFor({ timeout: LOAD_TIMEOUT_MS }),
          )
          result.bytes.push({ app: 'tilannekuva', page: 'home', ...home })
          for (const app of CLIENT_APPS) {
            const measured = await measureBytes(browser, app, count, targets[app].url, (page) =>
              waitForPainted(page, LOAD_TIMEOUT_MS),
            )
            result.bytes.push({ app, page: 'board', ...measured })
          }
          log(`  bytes: ${result.bytes.map((b) => `${b.app} ${b.page} ${(b.bytes / 1024).toFixed(0)} KiB`).join(', ')}`)
        }
        for (let round = 0; round < options.client.rounds; round++) {
          for (const app of rotate(CLIENT_APPS, rotation++)) {
            log(`client, ${count} notes, round ${round + 1} of ${options.client.rounds}: ${app}`)
            const run = await measurePage(browser, targets[app], round, options).catch((error: unknown) => {
              const message = `${app}, ${count} notes, round ${round + 1}: ${String((error as Error)?.message ?? error).split('\n')[0]}`
              log(`  failed: ${message}`)
              result.failures.push(message)
              return null
            })
            if (!run) continue
            log(
              `  painted ${run.paintedMs.toFixed(0)} ms, longest task ${run.longestTaskBeforePaintMs.toFixed(0)} ms, heap ${(run.heapAfterGcBytes / 2 ** 20).toFixed(0)} MiB, ` +
                `pan ${run.pan.fps.toFixed(0)} fps p95 ${run.pan.p95FrameMs.toFixed(0)} ms, moves ${run.moves.fps.toFixed(0)} fps p95 ${run.moves.p95FrameMs.toFixed(0)} ms ` +
                `(${run.moves.storeChangesPerSecond.toFixed(0)} changes/s)`,
            )
            result.runs.push(run)
          }
        }
      } finally {
        await anchor.close()
      }
    }
  } finally {
    await browser.close()
    await ours.stop()
  }
  return result
}

/** The median of each measure over the rounds of one app and note count. */
export function medianRun(runs: readonly ClientPageRun[]): Omit<ClientPageRun, 'round'> | null {
  const first = runs[0]
  if (!first) return null
  const of = (pick: (run: ClientPageRun) => number) => median(runs.map(pick))
  const frames = (pick: (run: ClientPageRun) => FrameSummary): FrameSummary => ({
    fps: of((run) => pick(run).fps),
    p95FrameMs: of((run) => pick(run).p95FrameMs),
    p99FrameMs: of((run) => pick(run).p99FrameMs),
    longTasks: of((run) => pick(run).longTasks),
    longestTaskMs: of((run) => pick(run).longestTaskMs),
  })
  return {
    app: first.app,
    notes: first.notes,
    paintedMs: of((run) => run.paintedMs),
    longestTaskBeforePaintMs: of((run) => run.longestTaskBeforePaintMs),
    heapAfterGcBytes: of((run) => run.heapAfterGcBytes),
    pan: frames((run) => run.pan),
    moves: {
      ...frames((run) => run.moves),
      moveSteps: of((run) => run.moves.moveSteps),
      storeChangesPerSecond: of((run) => run.moves.storeChangesPerSecond),
    },
  }
}
