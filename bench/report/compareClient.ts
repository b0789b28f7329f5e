/**
 * `node --import tsx bench/report/compareClient.ts BEFORE.json AFTER.json`: the client scenario's
 * ratios to bare tldraw before and after a change, side by side, as a markdown table (each run
 * holds its own anchor, so the ratios compare across runs on a drifting machine).
 */
import fs from 'node:fs'
import { CLIENT_MEASURES, clientPairs, clientRatio } from './clientReport.js'
import type { BenchResults } from './results.js'

const [beforePath, afterPath] = process.argv.slice(2)
if (!beforePath || !afterPath) {
  console.error('usage: compareClient.ts BEFORE.json AFTER.json')
  process.exit(2)
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults
const [before, after] = [read(beforePath), read(afterPath)]
const pairsOf = (results: BenchResults) =>
  new Map((results.client ? clientPairs(results.client) : []).map((pair) => [pair.notes, pair]))
const [was, now] = [pairsOf(before), pairsOf(after)]
const lines = [
  `| notes | ${CLIENT_MEASURES.map((m) => m.label).join(' | ')} |`,
  `| --- | ${CLIENT_MEASURES.map(() => '---').join(' | ')} |`,
]
for (const notes of [...new Set([...was.keys(), ...now.keys()])].sort((a, b) => a - b)) {
  const cell = (pair: ReturnType<typeof was.get>, m: (typeof CLIENT_MEASURES)[number]) =>
    pair ? clientRatio(m, pair.ours, pair.anchor).toFixed(2) : '—'
  lines.push(
    `| ${notes.toLocaleString('en')} | ${CLIENT_MEASURES.map((m) => `${cell(was.get(notes), m)} → ${cell(now.get(notes), m)}`).join(' | ')} |`,
  )
}
const load = (results: BenchResults) =>
  `${results.meta.loadAverage.start.toFixed(1)}–${results.meta.loadAverage.end.toFixed(1)}`
console.log(`Ours ÷ bare tldraw, before → after (load average ${load(before)} → ${load(after)}):\n`)
console.log(lines.join('\n'))
