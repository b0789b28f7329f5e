/**
 * Soak (not in CI): `npm run soak -- --minutes=30 [--cycles=10000] [--boards=40] [--concurrency=4] [--sample=10]`.
 * Connect/disconnect cycles against the bundled server in its own process: each cycle opens a
 * stock y-websocket client on one of `boards` boards (round-robin), waits for the sync, moves a
 * note and its cursor, and leaves. Rooms are evicted one second after their last client leaves,
 * so boards load and unload all the time. Every `sample` seconds the server collects garbage and
 * reports RSS and heap (scripts/soakMemoryProbe.mjs); the table and a verdict (heap at the end
 * against heap after the first tenth of the cycles) are printed. Stops after `cycles` cycles or
 * `minutes` minutes, whichever comes first; exits 1 when cycles failed.
 */
import * as readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { CreateBoardResponse } from '../shared/api.js'
import { openBoardRecords } from '../shared/boardDocument.js'
import { startChildServer, stopChildServers } from '../tests/helpers/childServer.js'
import { noteRecord } from '../tests/helpers/records.js'
import { createBoardAt, makeTempDir } from '../tests/helpers/server.js'
import { connectClient, waitFor } from '../tests/helpers/yclient.js'

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`))
  if (!arg) return fallback
  const value = Number(arg.slice(name.length + 3))
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

const minutes = option('minutes', 30)
const cycles = option('cycles', 10_000)
const boardCount = option('boards', 40)
const concurrency = option('concurrency', 4)
const sampleSeconds = option('sample', 10)

interface MemorySample {
  at: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

async function main(): Promise<void> {
  const probe = fileURLToPath(new URL('./soakMemoryProbe.mjs', import.meta.url))
  const server = await startChildServer(
    {
      DATA_DIR: makeTempDir('tilannekuva-soak-'),
      LOG_LEVEL: 'info',
      ROOM_IDLE_MS: '1000',
      // Made here all at once, from one address.
      BOARDS_PER_HOUR_PER_IP: '0',
      SOAK_SAMPLE_MS: String(sampleSeconds * 1000),
    },
    ['--expose-gc', '--import', probe],
  )
  const samples: Array<MemorySample & { cycles: number }> = []
  let started = Date.now()
  let done = 0
  let failed = 0
  readline.createInterface({ input: server.process.stderr! }).on('line', (line) => {
    if (!line.startsWith('SOAK_MEMORY ')) return
    const sample = JSON.parse(line.slice('SOAK_MEMORY '.length)) as MemorySample
    samples.push({ ...sample, cycles: done })
    const elapsed = (sample.at - started) / 1000
    console.log(
      `${elapsed.toFixed(0).padStart(5)} s  ${String(done).padStart(6)} cycles  ${(done / Math.max(1, elapsed)).toFixed(1).padStart(5)}/s  ` +
        `rss ${mib(sample.rss).padStart(6)} MiB  heap ${mib(sample.heapUsed).padStart(6)} / ${mib(sample.heapTotal)} MiB  ` +
        `external ${mib(sample.external)} MiB  failed ${failed}`,
    )
  })

  const boards: CreateBoardResponse[] = []
  for (let i = 0; i < boardCount; i++) boards.push(await createBoardAt(server.url, `Soak ${i}`))
  started = Date.now()
  const deadline = started + minutes * 60_000
  const closes: Record<number, number> = {}
  let next = 0

  const cycle = async (n: number) => {
    const { board, tokens } = boards[n % boards.length]!
    const client = connectClient(server.syncUrl, board.id, tokens.edit)
    try {
      await waitFor(() => client.provider.synced, 'sync', 10_000)
      const id = `soak${n % 20}`
      openBoardRecords(client.doc).set(`shape:${id}`, noteRecord(id, `Kierros ${n}`, n % 800, n % 600))
      client.provider.awareness.setLocalStateField('cursor', { x: n % 800, y: n % 600 })
      await new Promise((resolve) => setTimeout(resolve, 20))
    } catch {
      failed++
    } finally {
      for (const close of client.closes) closes[close.code] = (closes[close.code] ?? 0) + 1
      client.destroy()
    }
  }
  const worker = async () => {
    while (next < cycles && Date.now() < deadline) {
      const n = next++
      await cycle(n)
      done++
    }
  }
  console.log(
    `soak: up to ${cycles} cycles or ${minutes} min, ${boardCount} boards, ${concurrency} at a time, ` +
      `memory every ${sampleSeconds} s (after GC)`,
  )
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (Date.now() - started) / 1000
  // One more sample once everything has left and the rooms are evicted.
  await new Promise((resolve) => setTimeout(resolve, Math.max(3_000, sampleSeconds * 1000 + 500)))
  const exited = await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 0, null))])
  await stopChildServers()

  const warm = samples.find((sample) => sample.cycles >= done / 10) ?? samples[0]
  const last = samples.at(-1)
  const peakRss = Math.max(...samples.map((sample) => sample.rss))
  console.log(`\n${done} cycles in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(1)}/s), ${failed} failed`)
  console.log(
    `closes the clients saw: ${JSON.stringify(closes)}; server ${exited === null ? 'still running' : `exited ${exited}`}`,
  )
  if (warm && last) {
    console.log(
      `heap after GC: ${mib(warm.heapUsed)} MiB after ${warm.cycles} cycles → ${mib(last.heapUsed)} MiB at the end ` +
        `(${(((last.heapUsed - warm.heapUsed) / warm.heapUsed) * 100).toFixed(1)} %); RSS ${mib(warm.rss)} → ` +
        `${mib(last.rss)} MiB, peak ${mib(peakRss)} MiB`,
    )
  }
  process.exit(failed > 0 || exited !== null ? 1 : 0)
}

main().catch(async (error) => {
  console.error(error)
  await stopChildServers()
  process.exit(1)
})
