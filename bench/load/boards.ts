/**
 * Load-generator jobs around whole boards: seeding them, loading one cold, dragging notes
 * around, and holding many boards open with idle clients.
 */
import * as Y from 'yjs'
import type {
  BoardRef,
  ColdLoadJob,
  ConnectIdleJob,
  MovesJob,
  MovesResult,
  SeedJob,
  SeedResult,
  Target,
} from '../ipc.js'
import { changedNote, noteId, randomNote, seededRandom } from '../workload.js'
import type { StoredRecord } from '../../shared/boardDocument.js'
import { type BenchClient, connectClient, forEachLimited, waitUntil } from './clients.js'
import { MirroredWriter, recordsOf } from './records.js'

const SYNC_TIMEOUT_MS = 120_000

async function connectSynced(target: Target, board: BoardRef, minRecords: number): Promise<BenchClient> {
  const client = connectClient(target, board)
  try {
    await waitUntil(
      () => client.isSynced() && recordsOf(client.doc).length >= minRecords,
      `board ${board.id} to sync`,
      SYNC_TIMEOUT_MS,
    )
  } catch (error) {
    const state = `synced ${client.isSynced()}, ${recordsOf(client.doc).length} of ${minRecords} records`
    client.destroy()
    throw new Error(`${(error as Error).message} (${state})`)
  }
  return client
}

/**
 * Gives each board `notesPerBoard` notes, then checks a second client sees them. Our server makes
 * a blank board's records itself; on the peers the seeding client writes the same records first.
 */
export async function runSeed(job: SeedJob): Promise<SeedResult> {
  const started = performance.now()
  const initial = job.target.server === 'tilannekuva' ? null : new Uint8Array(Buffer.from(job.blankBoard, 'base64'))
  let seededRecords = 0
  await forEachLimited(job.boards, 10, async (board, boardIndex) => {
    const writer = await connectSynced(job.target, board, initial ? 0 : 1)
    try {
      if (initial && recordsOf(writer.doc).length === 0) Y.applyUpdate(writer.doc, initial)
      const random = seededRandom(job.seed + boardIndex)
      const records = recordsOf(writer.doc)
      const perTransaction = Math.max(1, job.notesPerTransaction)
      for (let first = 0; first < job.notesPerBoard; first += perTransaction) {
        const last = Math.min(job.notesPerBoard, first + perTransaction)
        const batch: { key: string; val: StoredRecord }[] = []
        for (let i = first; i < last; i++) batch.push({ key: noteId(i), val: randomNote(i, random) })
        writer.doc.transact(() => records.push(batch))
      }
      const expected = records.length
      const checker = await connectSynced(job.target, board, expected)
      checker.destroy()
      seededRecords = Math.max(seededRecords, expected)
    } finally {
      writer.destroy()
    }
  })
  return { ms: performance.now() - started, records: seededRecords }
}

/** Time from creating a client until it holds the whole board. */
export async function runColdLoad(job: ColdLoadJob): Promise<{ ms: number }> {
  const started = performance.now()
  const client = connectClient(job.target, job.board)
  try {
    const deadline = started + job.timeoutMs
    while (!(client.isSynced() && recordsOf(client.doc).length >= job.expectedRecords)) {
      if (performance.now() > deadline) throw new Error(`cold load of ${job.board.id} timed out`)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    return { ms: performance.now() - started }
  } finally {
    client.destroy()
  }
}

/**
 * One client drags random notes `moves` times (one update per step, as a drag sends); a second
 * client confirms arrival so at most `window` moves are in flight. Arrival is read from the
 * receiver's state vector, not by counting entries: a server may merge several updates into one
 * message, and then an entry moved twice in it never shows up as added.
 */
export async function runMoves(job: MovesJob): Promise<MovesResult> {
  const writerClient = await connectSynced(job.target, job.board, job.expectedRecords)
  const receiver = await connectSynced(job.target, job.board, job.expectedRecords).catch((error: unknown) => {
    writerClient.destroy()
    throw error
  })
  try {
    // Each move inserts one item, so the writer's clock counts moves.
    const writerId = writerClient.doc.clientID
    const startClock = Y.getState(writerClient.doc.store, writerId)
    const arrived = () => Y.getState(receiver.doc.store, writerId) - startClock
    const writer = new MirroredWriter(writerClient.doc)
    const current = new Map<string, StoredRecord>(
      recordsOf(writerClient.doc)
        .toArray()
        .map((e) => [e.key, e.val]),
    )
    const random = seededRandom(job.seed)
    const started = performance.now()
    const deadline = started + job.timeoutMs
    for (let move = 0; move < job.moves; move++) {
      const id = noteId(Math.floor(random() * job.notes))
      const previous = current.get(id)
      if (!previous) throw new Error(`${id} is not on the board`)
      const next = changedNote(previous, random, undefined, 0)
      current.set(id, next)
      writer.set(next)
      if (move + 1 - arrived() >= job.window) {
        await waitUntil(
          () => move + 1 - arrived() < job.window,
          'moves to arrive',
          Math.max(1, deadline - performance.now()),
        )
      }
    }
    await waitUntil(() => arrived() >= job.moves, 'the last moves to arrive', Math.max(1, deadline - performance.now()))
    return { ms: performance.now() - started, docBytes: Y.encodeStateAsUpdate(receiver.doc).byteLength }
  } finally {
    writerClient.destroy()
    receiver.destroy()
  }
}

const idleClients: BenchClient[] = []

/** Opens one idle client per board and keeps them until disconnectAll. */
export async function runConnectIdle(job: ConnectIdleJob): Promise<{ ms: number }> {
  const started = performance.now()
  await forEachLimited(job.boards, job.concurrency, async (board) => {
    idleClients.push(await connectSynced(job.target, board, job.expectedRecords))
  })
  return { ms: performance.now() - started }
}

export async function runDisconnectAll(): Promise<{ closed: number }> {
  const clients = idleClients.splice(0)
  for (const client of clients) client.destroy()
  return { closed: clients.length }
}
