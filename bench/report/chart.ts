/**
 * An SVG line chart of p99 update latency against clients per board, one line per server.
 * Written by hand (no chart library): a log-scale y axis, because latencies span decades.
 */
import type { ServerName } from '../ipc.js'
import type { TrafficRun } from '../scenarios/common.js'

const COLORS: Record<ServerName, string> = {
  tilannekuva: '#d9480f',
  hocuspocus: '#1c7ed6',
  'y-websocket': '#2b8a3e',
}

const WIDTH = 720
const HEIGHT = 420
const MARGIN = { left: 70, right: 170, top: 40, bottom: 60 }

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** 1, 2, 5, 10, 20, 50 … covering [low, high]. */
function logTicks(low: number, high: number): number[] {
  const ticks: number[] = []
  for (let decade = Math.floor(Math.log10(low)); decade <= Math.ceil(Math.log10(high)); decade++) {
    for (const step of [1, 2, 5]) {
      const value = step * 10 ** decade
      if (value >= low && value <= high) ticks.push(value)
    }
  }
  return ticks
}

/** The nearest of 1, 2, 5 × 10^k below (or above) `value`: axis ends that fit the data. */
function niceStep(value: number, direction: 'down' | 'up'): number {
  const decade = 10 ** Math.floor(Math.log10(value))
  const steps = [1, 2, 5, 10].map((step) => step * decade)
  return direction === 'down' ? steps.filter((step) => step <= value).pop()! : steps.find((step) => step >= value)!
}

/**
 * `runs` from the hot room and many-boards scenarios; many boards appears at its clients per
 * board (3) with a hollow marker.
 */
export function p99Chart(hotRoom: readonly TrafficRun[], manyBoards: readonly TrafficRun[], subtitle: string): string {
  const points = [
    ...manyBoards.map((run) => ({ run, many: true })),
    ...hotRoom.map((run) => ({ run, many: false })),
  ].filter(({ run }) => Number.isFinite(run.result.doc.p99) && run.result.doc.p99 > 0)
  const xs = [...new Set(points.map(({ run }) => run.clientsPerBoard))].sort((a, b) => a - b)
  const values = points.map(({ run }) => run.result.doc.p99)
  const low = values.length > 0 ? niceStep(Math.min(...values), 'down') : 1
  const high = values.length > 0 ? niceStep(Math.max(...values) * 1.05, 'up') : 10
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const xOf = (clients: number) =>
    MARGIN.left + (xs.length === 1 ? plotWidth / 2 : (xs.indexOf(clients) / (xs.length - 1)) * plotWidth)
  const yOf = (ms: number) =>
    MARGIN.top + plotHeight - ((Math.log10(ms) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * plotHeight

  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
  )
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`)
  parts.push(
    `<text x="${MARGIN.left}" y="18" font-size="15" font-weight="bold">p99 latency of a document update to every other client</text>`,
  )
  parts.push(`<text x="${MARGIN.left}" y="33" fill="#555">${escapeXml(subtitle)}</text>`)
  for (const tick of logTicks(low, high)) {
    const y = yOf(tick).toFixed(1)
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`)
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tick >= 1 ? tick : tick.toPrecision(1)}</text>`,
    )
  }
  for (const clients of xs) {
    const x = xOf(clients).toFixed(1)
    const many = manyBoards.some((run) => run.clientsPerBoard === clients)
    parts.push(`<line x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#f0f0f0"/>`)
    parts.push(
      `<text x="${x}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${clients}${many ? '*' : ''}</text>`,
    )
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  )
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 22}" text-anchor="middle">clients per board</text>`,
  )
  parts.push(
    `<text x="${MARGIN.left}" y="${HEIGHT - 6}" fill="#555">* many boards (several boards of this size at once); others: one hot room</text>`,
  )
  parts.push(
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">p99 latency, ms (log scale)</text>`,
  )

  const servers = [...new Set(points.map(({ run }) => run.server))]
  for (const [index, server] of servers.entries()) {
    const color = COLORS[server]
    const mine = points
      .filter(({ run }) => run.server === server)
      .sort((a, b) => a.run.clientsPerBoard - b.run.clientsPerBoard)
    const hotLine = mine.filter(({ many }) => !many)
    if (hotLine.length > 1) {
      const path = hotLine
        .map(
          ({ run }, i) =>
            `${i === 0 ? 'M' : 'L'}${xOf(run.clientsPerBoard).toFixed(1)},${yOf(run.result.doc.p99).toFixed(1)}`,
        )
        .join(' ')
      parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`)
    }
    for (const { run, many } of mine) {
      const x = xOf(run.clientsPerBoard).toFixed(1)
      const y = yOf(run.result.doc.p99).toFixed(1)
      parts.push(
        `<circle cx="${x}" cy="${y}" r="4" fill="${many ? 'white' : color}" stroke="${color}" stroke-width="2"><title>${escapeXml(`${server}, ${run.clientsPerBoard} clients/board: p99 ${run.result.doc.p99.toFixed(1)} ms`)}</title></circle>`,
      )
    }
    const legendY = MARGIN.top + 14 + index * 20
    const legendX = MARGIN.left + plotWidth + 16
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 22}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="2"/>`,
    )
    parts.push(`<text x="${legendX + 28}" y="${legendY}" dominant-baseline="middle">${escapeXml(server)}</text>`)
  }
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
