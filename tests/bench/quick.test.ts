import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { SERVER_NAMES } from '../../bench/ipc.js'
import type { BenchResults } from '../../bench/report/results.js'

// `npm run bench -- --quick` end to end, so the harness cannot rot: every scenario, every server.
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilannekuva-bench-test-'))
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }))

test('quick benchmark runs every scenario against all three servers with sane results', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', `--out=${outDir}`], {
    encoding: 'utf8',
    // Generous: on a loaded 2-core machine the servers and load generators share the cores with
    // everything else; the test checks that the harness works, not how fast.
    timeout: 540_000,
  })
  expect(run.status, `bench failed:\n${run.stderr}`).toBe(0)
  const results = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8')) as BenchResults & {
    errors: string[]
  }
  expect(results.errors).toEqual([])
  expect(results.meta.quick).toBe(true)

  for (const runs of [results.hotRoom, results.manyBoards]) {
    const withCursors = runs === results.hotRoom
    expect(runs.map((r) => r.server).sort()).toEqual([...SERVER_NAMES].sort())
    for (const { server, result, serverCpuPercent, serverPeakRss, boards, clientsPerBoard } of runs) {
      expect(result.sent, server).toBeGreaterThan(0)
      // The clients are spread over the load-generator processes, each reporting its CPU.
      expect(result.clients, server).toBe(boards * clientsPerBoard)
      expect(result.loadCpuPercentPerProcess, server).toHaveLength(results.meta.options.loadProcesses)
      expect(result.lost, `${server} lost updates`).toBe(0)
      expect(result.delivered, server).toBe(result.sent)
      expect(result.doc.p50, server).toBeGreaterThan(0)
      expect(result.doc.p99, server).toBeGreaterThanOrEqual(result.doc.p50)
      expect(result.doc.p99, server).toBeLessThan(10_000)
      if (withCursors) expect(result.awareness.count, server).toBeGreaterThan(0)
      expect(serverCpuPercent, server).toBeGreaterThan(0)
      expect(serverPeakRss, server).toBeGreaterThan(10 * 2 ** 20)
    }
  }

  expect(results.largeBoard.map((r) => r.server).sort()).toEqual([...SERVER_NAMES].sort())
  for (const run of results.largeBoard) {
    expect(run.coldLoadMedianMs, run.server).toBeGreaterThan(0)
    expect(run.coldLoadMedianMs, run.server).toBeLessThan(30_000)
    expect(run.storedBytesAfterMoves, run.server).toBeGreaterThan(0)
    expect(run.storedBytesAfterCompaction, run.server).toBeGreaterThan(0)
    expect(run.docBytes, run.server).toBeGreaterThan(run.notes * 100)
  }

  expect(results.memory.map((r) => r.server).sort()).toEqual([...SERVER_NAMES].sort())
  for (const run of results.memory) {
    expect(run.loadedRss, run.server).toBeGreaterThan(run.baseline.rss * 0.5)
    expect(
      run.cycles.every((cycle) => cycle.unloaded.loadedDocs === 0),
      run.server,
    ).toBe(true)
    expect(Number.isFinite(run.heapGrowthPercent), run.server).toBe(true)
  }

  expect(results.snapshot?.status).toBeDefined()
  const twoNotes = results.layout!.cases.find((c) => c.name.startsWith('two notes'))!
  expect(twoNotes.yMap.after - twoNotes.yMap.before).toBeGreaterThan(
    twoNotes.yKeyValue.after - twoNotes.yKeyValue.before,
  )
  expect(results.targets.length).toBeGreaterThanOrEqual(5)
  expect(fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8')).toContain('### Targets')
  expect(fs.readFileSync(path.join(outDir, 'latest-p99.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/)
}, 600_000)
