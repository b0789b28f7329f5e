/**
 * Figures of the version history (issue #14), run with `node --import tsx bench/versions.ts`:
 *  1. storage taken by 100 automatic versions of a 500-note board under the retention policy
 *     (SQLite, as the server stores them: Yjs state + snapshot JSON, brotli-compressed), one every 2 hours of a fake
 *     clock (8 days), ~10 notes edited between two versions, pruned after each as the server does;
 *  2. the time computeChanges takes between two 5,000-note snapshots (10 % edited, 5 % moved to
 *     another category, 5 % removed, 5 % added), median of 21 runs.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { openBoardRecords, readBoardRecords } from '../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../shared/canvasShapes.js'
import { computeChanges } from '../shared/changes.js'
import { type BoardSnapshot, buildBoardSnapshot } from '../shared/snapshot.js'
import { versionsToPrune } from '../server/versions/retention.js'
import { SqliteStorage } from '../server/storage/SqliteStorage.js'

const BOARD = { id: 'benchversions000', title: 'Versiot', template: 'blank' as const, language: 'fi' as const }
const CATEGORIES = ['strength', 'need', 'weakness', 'opportunity', 'threat'] as const

function note(i: number, text: string, category: (typeof CATEGORIES)[number] = CATEGORIES[i % CATEGORIES.length]!) {
  return makeShapeRecord({
    id: `shape:n${i}`,
    type: NOTE_SHAPE_TYPE,
    x: (i % 50) * 260,
    y: Math.floor(i / 50) * 180,
    index: 'a5',
    props: {
      category,
      text,
      fields: {},
      author: 'Penkki',
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
      w: 240,
      h: 160,
      categoryChosen: true,
    },
  })
}

const text = (i: number, round: number) => `Lappu ${i}: osaajapula ja saavutettavuus, kierros ${round}`

async function storageOf100Versions(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-bench-versions-'))
  const storage = SqliteStorage.inDataDir(dir)
  const doc = new Y.Doc()
  const records = openBoardRecords(doc)
  doc.transact(() => {
    for (let i = 0; i < 500; i++) records.set(`shape:n${i}`, note(i, text(i, 0)))
  })
  await storage.createBoard(
    {
      board: { ...BOARD, createdAt: new Date(0).toISOString() },
      tokenHashes: { facilitator: 'a'.repeat(64), edit: 'b'.repeat(64), view: 'c'.repeat(64) },
      joinCodeHash: null,
      sealedLinks: null,
    },
    Y.encodeStateAsUpdate(doc),
  )
  const start = Date.UTC(2026, 0, 5)
  let allBytes = 0
  let first = 0
  for (let v = 0; v < 100; v++) {
    doc.transact(() => {
      for (let k = 0; k < 10; k++) {
        const i = (v * 37 + k * 53) % 500
        records.set(`shape:n${i}`, note(i, text(i, v + 1)))
      }
    })
    const now = start + v * 2 * 60 * 60 * 1000
    const state = Y.encodeStateAsUpdate(doc)
    const snapshotJson = JSON.stringify(
      buildBoardSnapshot({ board: BOARD, records: readBoardRecords(doc), takenAt: new Date(now) }),
    )
    const sizeBytes = state.byteLength + Buffer.byteLength(snapshotJson)
    if (v === 0) first = sizeBytes
    allBytes += sizeBytes
    await storage.saveVersion(BOARD.id, {
      id: `v_${String(v).padStart(16, '0')}`,
      kind: 'automatic',
      name: null,
      createdAt: new Date(now).toISOString(),
      createdBy: null,
      sizeBytes,
      state,
      snapshotJson,
    })
    const doomed = versionsToPrune(await storage.listVersions(BOARD.id), now)
    if (doomed.length > 0) await storage.deleteVersions(BOARD.id, doomed)
  }
  const kept = await storage.listVersions(BOARD.id)
  const keptBytes = kept.reduce((sum, version) => sum + version.sizeBytes, 0)
  await storage.close()
  const db = new Database(path.join(dir, 'tilannekuva.sqlite'), { readonly: true })
  const { storedBytes } = db
    .prepare<[], { storedBytes: number }>('SELECT SUM(LENGTH(state) + LENGTH(snapshot)) AS storedBytes FROM versions')
    .get()!
  db.close()
  const fileBytes = fs.statSync(path.join(dir, 'tilannekuva.sqlite')).size
  fs.rmSync(dir, { recursive: true, force: true })
  console.log(
    JSON.stringify({
      figure: '100 automatic versions of a 500-note board, one per 2 h (8 days), retention applied',
      oneVersionBytes: first,
      allHundredBytes: allBytes,
      versionsKept: kept.length,
      keptBytes,
      keptStoredBytes: storedBytes,
      sqliteFileBytes: fileBytes,
    }),
  )
}

function snapshotOf(count: number, change: (i: number) => 'same' | 'edit' | 'move' | 'remove'): BoardSnapshot {
  const recs: unknown[] = []
  for (let i = 0; i < count; i++) {
    const kind = change(i)
    if (kind === 'remove') continue
    const category = CATEGORIES[(i + (kind === 'move' ? 1 : 0)) % CATEGORIES.length]!
    recs.push(note(i, kind === 'edit' ? `${text(i, 0)} (muokattu)` : text(i, 0), category))
  }
  return buildBoardSnapshot({ board: BOARD, records: recs, takenAt: new Date() })
}

function changesBetween5000(): void {
  const before = snapshotOf(5000, () => 'same')
  const after = snapshotOf(5250, (i) =>
    i >= 5000 ? 'same' : i % 20 < 2 ? 'edit' : i % 20 === 2 ? 'move' : i % 20 === 3 ? 'remove' : 'same',
  )
  const times: number[] = []
  let result = computeChanges(before, after)
  for (let run = 0; run < 21; run++) {
    const started = performance.now()
    result = computeChanges(before, after)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(
    JSON.stringify({
      figure: 'computeChanges between two 5,000-note snapshots',
      added: result.added.length,
      removed: result.removed.length,
      edited: result.edited.length,
      moved: result.moved.length,
      medianMs: Number(times[10]!.toFixed(2)),
      maxMs: Number(times[20]!.toFixed(2)),
    }),
  )
}

await storageOf100Versions()
changesBetween5000()
