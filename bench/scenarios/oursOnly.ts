/**
 * Scenario 5, ours only. (a) Time to build a BoardSnapshot of a large board (shared/snapshot.ts;
 * if that module is absent the row says "not yet available"). (b) The
 * document layout comparison behind shared/boardDocument.ts: encoded size after many note moves,
 * with YKeyValue (our layout) versus a plain Y.Map of records.
 */
import * as Y from 'yjs'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import type { BenchOptions } from '../options.js'
import { median, percentile } from '../stats.js'
import { changedNote, noteId, noteText, randomNote, seededRandom } from '../workload.js'
import { log } from './common.js'

export type SnapshotResult =
  | { status: 'not yet available'; reason: string }
  | {
      status: 'measured'
      notes: number
      /** Notes that made it into the snapshot (a record that fails validation is left out). */
      notesInSnapshot: number
      runs: number
      medianMs: number
      p95Ms: number
      jsonBytes: number
    }

export interface LayoutCase {
  name: string
  moves: number
  /** Encoded size (Y.encodeStateAsUpdate) before and after the moves, in bytes. */
  yKeyValue: { before: number; after: number }
  yMap: { before: number; after: number }
}

export interface LayoutResult {
  moves: number
  cases: LayoutCase[]
}

const CATEGORY_CYCLE = ['strength', 'weakness', 'opportunity', 'threat', 'need', 'action'] as const

/**
 * A board of `notes` of the app's own note shapes (what a snapshot reads), in our layout, with
 * the records view the room keeps. Category fields are left empty, as a quickly typed note has.
 */
async function snapshotBoard(notes: number, seed: number): Promise<{ doc: Y.Doc; records: () => unknown[] }> {
  const { makeShapeRecord, NOTE_SHAPE_TYPE, NOTE_DEFAULT_SIZE } = await import('../../shared/canvasShapes.js')
  const random = seededRandom(seed)
  const doc = new Y.Doc()
  const view = openBoardRecords(doc)
  const now = Date.UTC(2026, 0, 1)
  doc.transact(() => {
    for (let i = 0; i < notes; i++) {
      const record = makeShapeRecord({
        id: noteId(i),
        type: NOTE_SHAPE_TYPE,
        x: Math.round(random() * 8000),
        y: Math.round(random() * 6000),
        index: `a${i.toString(36)}`,
        props: {
          category: CATEGORY_CYCLE[i % CATEGORY_CYCLE.length],
          text: noteText(random),
          fields: {},
          author: `Osallistuja ${i % 40}`,
          createdAt: now + i * 1000,
          updatedAt: now + i * 1000,
          ...NOTE_DEFAULT_SIZE,
          categoryChosen: true,
        },
      })
      view.set(record.id, record)
    }
  })
  return { doc, records: () => [...view.map.values()].map((entry) => entry.val) }
}

/**
 * Time to build a BoardSnapshot the way the server's SnapshotService does: the room's current
 * records through `buildBoardSnapshot` (shared/snapshot.ts), plus the JSON it stores.
 */
export async function measureSnapshot(options: BenchOptions): Promise<SnapshotResult> {
  let snapshotModule: typeof import('../../shared/snapshot.js')
  try {
    snapshotModule = await import('../../shared/snapshot.js')
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND')
      return { status: 'not yet available', reason: 'shared/snapshot.ts does not exist' }
    throw error
  }
  const { snapshotNotes: notes, snapshotRuns: runs } = options.oursOnly
  const { doc, records } = await snapshotBoard(notes, options.seed)
  const build = () => {
    const snapshot = snapshotModule.buildBoardSnapshot({
      board: { id: 'BenchmarkBoard01', title: 'Benchmark', template: 'blank', language: 'fi' },
      records: records(),
      takenAt: new Date(),
    })
    return { snapshot, json: JSON.stringify(snapshot) }
  }
  const first = build() // warm-up: the first call pays for compiling the code
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    build()
    times.push(performance.now() - started)
  }
  doc.destroy()
  return {
    status: 'measured',
    notes,
    notesInSnapshot: first.snapshot.notes.length,
    runs,
    medianMs: median(times),
    p95Ms: percentile(
      [...times].sort((a, b) => a - b),
      95,
    ),
    jsonBytes: first.json.length,
  }
}

interface LayoutScenario {
  name: string
  writers: number
  /** Notes on the board before the moves. */
  notes: number
  /** Which note the i-th move drags. */
  noteOf(move: number, random: () => number): number
}

/**
 * Runs `moves` moves (one transaction each) in one layout. With several writers, each move is
 * made by the next writer in turn and synced to the others at once, as live collaborators are.
 */
function layoutSizes(
  layout: 'yKeyValue' | 'yMap',
  scenario: LayoutScenario,
  moves: number,
  seed: number,
): { before: number; after: number } {
  const random = seededRandom(seed)
  const docs = Array.from({ length: scenario.writers }, () => new Y.Doc())
  for (const from of docs) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return
      for (const to of docs) if (to !== from) Y.applyUpdate(to, update, 'peer')
    })
  }
  const writers = docs.map((doc) => {
    if (layout === 'yMap') {
      const map = doc.getMap<StoredRecord>('records')
      return (record: StoredRecord) => map.set(record.id, record)
    }
    const records = openBoardRecords(doc)
    return (record: StoredRecord) => records.set(record.id, record)
  })
  const notes = Array.from({ length: scenario.notes }, (_, i) => randomNote(i, random))
  docs[0]!.transact(() => {
    for (const note of notes) writers[0]!(note)
  })
  const before = Y.encodeStateAsUpdate(docs[0]!).byteLength
  for (let move = 0; move < moves; move++) {
    const index = scenario.noteOf(move, random)
    notes[index] = changedNote(notes[index]!, random, undefined, 0)
    writers[move % scenario.writers]!(notes[index]!)
  }
  const after = Y.encodeStateAsUpdate(docs[0]!).byteLength
  for (const doc of docs) doc.destroy()
  return { before, after }
}

/**
 * The layout comparison. The issue asks for one note moved many times; one writer's consecutive
 * overwrites of one key merge in either layout, so the cases where they do not are measured too.
 */
export function measureLayout(options: BenchOptions): LayoutResult {
  const moves = options.oursOnly.layoutMoves
  const boardNotes = options.oursOnly.snapshotNotes
  const scenarios: LayoutScenario[] = [
    { name: 'one note, one writer', writers: 1, notes: 1, noteOf: () => 0 },
    { name: 'two notes moved in turn, one writer', writers: 1, notes: 2, noteOf: (move) => move % 2 },
    { name: 'one note, two writers in turn', writers: 2, notes: 1, noteOf: () => 0 },
    {
      name: `random notes of a ${boardNotes}-note board, one writer`,
      writers: 1,
      notes: boardNotes,
      noteOf: (_move, random) => Math.floor(random() * boardNotes),
    },
  ]
  return {
    moves,
    cases: scenarios.map((scenario) => ({
      name: scenario.name,
      moves,
      yKeyValue: layoutSizes('yKeyValue', scenario, moves, options.seed),
      yMap: layoutSizes('yMap', scenario, moves, options.seed),
    })),
  }
}

export async function runOursOnly(options: BenchOptions): Promise<{ snapshot: SnapshotResult; layout: LayoutResult }> {
  log('ours only: BoardSnapshot build time and document layout')
  const snapshot = await measureSnapshot(options)
  const layout = measureLayout(options)
  log(`  snapshot: ${snapshot.status}`)
  for (const c of layout.cases)
    log(
      `  ${layout.moves} moves, ${c.name}: YKeyValue +${c.yKeyValue.after - c.yKeyValue.before} B, Y.Map +${c.yMap.after - c.yMap.before} B`,
    )
  return { snapshot, layout }
}
