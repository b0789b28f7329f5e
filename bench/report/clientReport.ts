/**
 * The report of issue 10's benchmarks: the browser scenario (our app ÷ the bare tldraw anchor)
 * and the hot room's capacity with light receivers, as markdown tables, an SVG chart of the
 * ratios, and the issue's targets.
 */
import type { ServerName } from '../ipc.js'
import { type ClientPageRun, type ClientResult, medianRun } from '../scenarios/client.js'
import type { CapacityResult } from '../scenarios/traffic.js'
import type { TargetCheck } from './results.js'

const OURS: ServerName = 'tilannekuva'
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const kib = (bytes: number) => (bytes / 1024).toFixed(0)

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

type Median = NonNullable<ReturnType<typeof medianRun>>

/** The two apps' medians for every note count measured. */
export function clientPairs(client: ClientResult): { notes: number; ours: Median; anchor: Median }[] {
  const counts = [...new Set(client.runs.map((run) => run.notes))].sort((a, b) => a - b)
  return counts.flatMap((notes) => {
    const of = (app: ClientPageRun['app']) =>
      medianRun(client.runs.filter((run) => run.notes === notes && run.app === app))
    const ours = of('tilannekuva')
    const anchor = of('anchor')
    return ours && anchor ? [{ notes, ours, anchor }] : []
  })
}

/** The measures of the ratio table and chart; `higherIsBetter` marks fps. */
export const CLIENT_MEASURES: { label: string; value: (run: Median) => number; higherIsBetter?: boolean }[] = [
  { label: 'to painted', value: (run) => run.paintedMs },
  { label: 'longest task before', value: (run) => run.longestTaskBeforePaintMs },
  { label: 'heap after GC', value: (run) => run.heapAfterGcBytes },
  { label: 'pan fps', value: (run) => run.pan.fps, higherIsBetter: true },
  { label: 'pan p95 frame', value: (run) => run.pan.p95FrameMs },
  { label: 'moves fps', value: (run) => run.moves.fps, higherIsBetter: true },
  { label: 'moves p95 frame', value: (run) => run.moves.p95FrameMs },
]

/** ours ÷ anchor; a longest task of 0 (none over 50 ms) counts as 50 ms, the smallest a long task can be. */
export function clientRatio(measure: (typeof CLIENT_MEASURES)[number], ours: Median, anchor: Median): number {
  const floor = measure.label === 'longest task before' ? 50 : 0
  return Math.max(floor, measure.value(ours)) / Math.max(floor, measure.value(anchor))
}

/** The markdown of the client scenario: ratios, then both apps' medians per note count, then bytes. */
export function clientMarkdown(client: ClientResult, rounds: number): string {
  const out: string[] = []
  const pairs = clientPairs(client)
  out.push('### 6. In the browser: our app beside bare tldraw (issue 10)')
  out.push('')
  out.push(
    `Our built app (as \`npm start\` serves it) and a bare tldraw app with the same notes as plain tldraw note shapes (same positions, texts, ` +
      'Vite and bundled fonts; `bench/anchor`) in headless Chromium (1280×800, no GPU), apps alternating, ' +
      `${rounds} page load${rounds === 1 ? '' : 's'} per app and size (medians shown). ` +
      '“To painted” runs from navigation to the frame after every note is in the page; “longest task before” is the longest task ' +
      '(PerformanceObserver longtask) in that time. Frames are rAF intervals while the camera pans sideways and back, and while a ' +
      'second participant drags 20 notes together every 16 ms — for ours a real client through the server, for the anchor the same ' +
      'moves made in the page. Headless Chromium runs rAF faster than 60 Hz when idle, so read the ratios, not the fps.',
  )
  out.push('')
  out.push(
    table(
      ['notes', ...CLIENT_MEASURES.map((m) => `${m.label} ours ÷ anchor`)],
      pairs.map(({ notes, ours, anchor }) => [
        notes.toLocaleString('en'),
        ...CLIENT_MEASURES.map((m) => fmt(clientRatio(m, ours, anchor), 2)),
      ]),
    ),
  )
  out.push('')
  out.push(
    table(
      [
        'notes',
        'app',
        'to painted ms',
        'longest task ms',
        'heap MiB',
        'pan fps',
        'pan p95 / p99 ms',
        'pan long tasks',
        'moves fps',
        'moves p95 / p99 ms',
        'moves long tasks',
        'store changes/s',
      ],
      pairs.flatMap(({ notes, ours, anchor }) =>
        [ours, anchor].map((run) => [
          notes.toLocaleString('en'),
          run.app === 'anchor' ? 'bare tldraw' : `**${run.app}**`,
          fmt(run.paintedMs, 0),
          fmt(run.longestTaskBeforePaintMs, 0),
          fmt(run.heapAfterGcBytes / 2 ** 20),
          fmt(run.pan.fps, 0),
          `${fmt(run.pan.p95FrameMs, 0)} / ${fmt(run.pan.p99FrameMs, 0)}`,
          fmt(run.pan.longTasks, 0),
          fmt(run.moves.fps, 0),
          `${fmt(run.moves.p95FrameMs, 0)} / ${fmt(run.moves.p99FrameMs, 0)}`,
          fmt(run.moves.longTasks, 0),
          fmt(run.moves.storeChangesPerSecond, 0),
        ]),
      ),
    ),
  )
  out.push('')
  if (client.bytes.length > 0) {
    out.push('Bytes of a cold visit (HTTP only, headers included, as sent; “decoded” = the bodies uncompressed):')
    out.push('')
    out.push(
      table(
        ['page', 'app', 'transferred KiB', 'decoded KiB', 'requests'],
        client.bytes.map((b) => [
          b.page,
          b.app === 'anchor' ? 'bare tldraw' : `**${b.app}**`,
          kib(b.bytes),
          kib(b.decodedBytes),
          String(b.requests),
        ]),
      ),
    )
    out.push('')
  }
  return out.join('\n')
}

/** The markdown of the capacity scenario. */
export function capacityMarkdown(
  capacity: CapacityResult,
  options: { docRate: number; awarenessRate: number; measureMs: number },
): string {
  const out: string[] = []
  out.push(`### 7. Hot-room capacity: ${capacity.writers} writers, the rest light receivers`)
  out.push('')
  out.push(
    `${capacity.writers} full clients each write ${options.docRate} note updates/s and ${options.awarenessRate} cursor updates/s; every other ` +
      'client is a light receiver (`bench/load/lightClient.ts`: a raw websocket that answers sync step 1 with an empty step 2 and reads ' +
      'the stamps out of update frames without a Y.Doc), so the load generators stay far from their limit. An update counts once every ' +
      `other client has it. Rooms grow until p99 ≥ ${capacity.p99LimitMs} ms or an update is lost; ${options.measureMs / 1000} s measured per room.`,
  )
  out.push('')
  const best = capacity.capacity.filter((c) => c.server !== OURS).reduce((top, c) => Math.max(top, c.clients), 0)
  out.push(
    table(
      ['server', `largest room with p99 < ${capacity.p99LimitMs} ms, 0 lost`, 'first room that failed', 'ours ÷ this'],
      capacity.capacity.map((c) => {
        const ours = capacity.capacity.find((o) => o.server === OURS)
        return [
          c.server === OURS ? `**${c.server}**` : c.server,
          c.clients > 0 ? String(c.clients) : 'none measured passed',
          c.firstFailure === null ? 'none (every size passed)' : String(c.firstFailure),
          ours && c.server !== OURS && c.clients > 0 ? fmt(ours.clients / c.clients, 2) : '—',
        ]
      }),
    ),
  )
  out.push('')
  out.push(
    table(
      [
        'clients',
        'server',
        'p50 ms',
        'p99 ms',
        'max ms',
        'lost / sent',
        'server CPU %',
        'server peak RSS MiB',
        'load-gen CPU %',
      ],
      capacity.runs.map((run) => [
        String(run.clientsPerBoard),
        run.server === OURS ? `**${run.server}**` : run.server,
        fmt(run.result.doc.p50),
        fmt(run.result.doc.p99),
        fmt(run.result.doc.max),
        `${run.result.lost} / ${run.result.sent}`,
        fmt(run.serverCpuPercent, 0),
        fmt(run.serverPeakRss / 2 ** 20),
        run.result.loadCpuPercentPerProcess.map((p) => fmt(p, 0)).join(' + ') + (run.generatorBound ? ' ⚠' : ''),
      ]),
    ),
  )
  out.push('')
  if (best === 0) out.push('No peer passed the smallest room, so there is no ratio to the best peer.\n')
  return out.join('\n')
}

/** Issue 10's targets that this run measured. */
export function issue10Targets(
  client: ClientResult | null | undefined,
  capacity: CapacityResult | null | undefined,
): TargetCheck[] {
  const checks: TargetCheck[] = []
  const pairs = client ? clientPairs(client) : []
  for (const { notes, ours, anchor } of pairs.filter((pair) => pair.notes === 500 || pair.notes === 2_000)) {
    const ratio = ours.moves.fps / anchor.moves.fps
    checks.push({
      target: `Browser, ${notes} notes, another client moving 20 notes: fps ≥ 0.9 × bare tldraw`,
      ours: `${fmt(ours.moves.fps, 0)} fps`,
      bestPeer: `${fmt(anchor.moves.fps, 0)} fps (bare tldraw)`,
      ratio,
      met: ratio >= 0.9,
    })
  }
  const at2000 = pairs.find((pair) => pair.notes === 2_000)
  if (at2000) {
    const measure = CLIENT_MEASURES.find((m) => m.label === 'longest task before')!
    const ratio = clientRatio(measure, at2000.ours, at2000.anchor)
    checks.push({
      target: 'Browser, 2,000 notes: longest task before the board shows ≤ 0.25 × bare tldraw',
      ours: `${fmt(at2000.ours.longestTaskBeforePaintMs, 0)} ms`,
      bestPeer: `${fmt(at2000.anchor.longestTaskBeforePaintMs, 0)} ms (bare tldraw)`,
      ratio,
      met: ratio <= 0.25,
    })
  }
  const home = client?.bytes.find((b) => b.app === 'tilannekuva' && b.page === 'home')
  if (home) {
    checks.push({
      target: 'Home page ≤ 150 KB transferred',
      ours: `${kib(home.bytes)} KiB`,
      bestPeer: '—',
      ratio: null,
      met: home.bytes <= 150_000,
    })
  }
  const board = client?.bytes.find((b) => b.app === 'tilannekuva' && b.page === 'board')
  if (board) {
    const ratio = board.bytes / board.decodedBytes
    checks.push({
      target: 'Board page transferred ≤ 0.4 × its raw (uncompressed) bytes',
      ours: `${kib(board.bytes)} KiB of ${kib(board.decodedBytes)} KiB`,
      bestPeer: '—',
      ratio,
      met: ratio <= 0.4,
    })
  }
  if (capacity) {
    const ours = capacity.capacity.find((c) => c.server === OURS)
    const peer = capacity.capacity.filter((c) => c.server !== OURS).sort((a, b) => b.clients - a.clients)[0]
    if (ours && peer) {
      // No server passing the smallest room measured says nothing about the ratio.
      const ratio = peer.clients > 0 ? ours.clients / peer.clients : null
      const ceiling = ours.firstFailure === null ? ' (every size passed: a lower bound)' : ''
      checks.push({
        target: `Hot-room capacity (p99 < ${capacity.p99LimitMs} ms, 0 lost) ≥ 2 × best peer`,
        ours: `${ours.clients} clients${ceiling}`,
        bestPeer: `${peer.clients} clients (${peer.server})`,
        ratio,
        met: ours.clients === 0 ? false : ratio === null ? null : ratio >= 2,
      })
    }
  }
  return checks
}

/** An SVG bar chart of ours ÷ anchor per measure, one bar per note count, on a log axis around 1. */
export function clientRatioChart(client: ClientResult, subtitle: string): string {
  const pairs = clientPairs(client)
  const width = 760
  const height = 400
  const margin = { left: 60, right: 20, top: 50, bottom: 90 }
  const plotWidth = width - margin.left - margin.right
  const plotHeight = height - margin.top - margin.bottom
  const ratios = pairs
    .flatMap(({ ours, anchor }) => CLIENT_MEASURES.map((m) => clientRatio(m, ours, anchor)))
    .filter((r) => Number.isFinite(r) && r > 0)
  const span = Math.max(2, ...ratios.map((r) => Math.max(r, 1 / r)))
  const top = Math.log10(span)
  const yOf = (ratio: number) => margin.top + plotHeight / 2 - (Math.log10(ratio) / top) * (plotHeight / 2)
  const colors = ['#d9480f', '#1c7ed6', '#2b8a3e', '#ae3ec9']
  const group = plotWidth / CLIENT_MEASURES.length
  const bar = (group * 0.8) / Math.max(1, pairs.length)
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  )
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`)
  parts.push(
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15">Our app ÷ bare tldraw (below 1 is better; for fps above 1)</text>`,
  )
  parts.push(
    `<text x="${width / 2}" y="37" text-anchor="middle" fill="#555">${subtitle.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
  )
  for (const tick of [1 / span, 0.5, 1, 2, span].filter(
    (t, i, all) => all.indexOf(t) === i && t >= 1 / span && t <= span,
  )) {
    const y = yOf(tick)
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y}" y2="${y}" stroke="${tick === 1 ? '#000' : '#ddd'}"/>`,
    )
    parts.push(`<text x="${margin.left - 6}" y="${y + 4}" text-anchor="end">${fmt(tick, 2)}</text>`)
  }
  CLIENT_MEASURES.forEach((measure, m) => {
    const x0 = margin.left + m * group + group * 0.1
    pairs.forEach(({ ours, anchor }, p) => {
      const ratio = clientRatio(measure, ours, anchor)
      if (!Number.isFinite(ratio) || ratio <= 0) return
      const y = yOf(Math.min(span, Math.max(1 / span, ratio)))
      const base = yOf(1)
      parts.push(
        `<rect x="${x0 + p * bar}" y="${Math.min(y, base)}" width="${bar - 2}" height="${Math.abs(base - y)}" fill="${colors[p % colors.length]}"/>`,
      )
    })
    parts.push(
      `<text x="${x0 + group * 0.4}" y="${height - margin.bottom + 18}" text-anchor="middle">${measure.label}</text>`,
    )
  })
  pairs.forEach(({ notes }, p) => {
    const x = margin.left + p * 130
    parts.push(`<rect x="${x}" y="${height - 30}" width="12" height="12" fill="${colors[p % colors.length]}"/>`)
    parts.push(`<text x="${x + 18}" y="${height - 20}">${notes.toLocaleString('en')} notes</text>`)
  })
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
