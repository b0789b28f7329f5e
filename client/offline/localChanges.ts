import { atom, type Signal } from 'tldraw'
import * as Y from 'yjs'
import { z } from 'zod'
import { RECORDS_ARRAY_NAME } from '../../shared/boardDocument.js'

/** [client, clock, length]: a range of Yjs item ids. */
type IdRange = [client: number, clock: number, length: number]

/**
 * One or more local transactions the server has not yet confirmed: the items they inserted and
 * deleted, and what they touched (record ids, or `<map>.<key>` for the document's maps).
 * Transactions that touched exactly the same things are kept as one: either is pending as long
 * as the merged one is, so the count of touched things is the same.
 */
const LocalChange = z.object({
  touched: z.array(z.string()),
  inserted: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  deleted: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
})
type LocalChange = z.infer<typeof LocalChange>

/** What is kept on the device between visits (see UnconfirmedChanges.restore). */
export const StoredLocalChanges = z.object({ version: z.literal(1), changes: z.array(LocalChange) })
export type StoredLocalChanges = z.infer<typeof StoredLocalChanges>

/** A sync step 1 to ask the server with, and the newest change it asks about. */
export interface ServerQuestion {
  stateVector: Map<number, number>
  upToSeq: number
}

interface TrackedChange extends LocalChange {
  /** Order of recording: a server answer confirms only what was sent before the question. */
  seq: number
}

/** Adds `[clock, length]` to sorted, merged ranges of one client. */
function addRange(ranges: IdRange[], range: IdRange): void {
  ranges.push(range)
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: IdRange[] = []
  for (const next of ranges) {
    const last = merged[merged.length - 1]
    if (last && last[0] === next[0] && last[1] + last[2] >= next[1]) {
      last[2] = Math.max(last[2], next[1] + next[2] - last[1])
    } else merged.push([...next])
  }
  ranges.splice(0, ranges.length, ...merged)
}

/** True when the delete set holds every id of `range`. Its ranges are sorted and merged (as decoded). */
function deleteSetCovers(ds: ReturnType<typeof Y.createDeleteSet>, [client, clock, length]: IdRange): boolean {
  const items = ds.clients.get(client)
  if (!items) return false
  let low = 0
  let high = items.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const item = items[middle]!
    if (item.clock + item.len <= clock) low = middle + 1
    else if (item.clock > clock) high = middle - 1
    else return clock + length <= item.clock + item.len
  }
  return false
}

/** The highest clock per client of the structs in `update` (a server's answer holds no gaps). */
function clocksOf(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): Map<number, number> {
  const clocks = new Map<number, number>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const end = struct.id.clock + struct.length
    if (end > (clocks.get(struct.id.client) ?? 0)) clocks.set(struct.id.client, end)
  }
  return clocks
}

/**
 * What an item belongs to, as a person would count it: a record of the records array by its id,
 * an entry of a root map by `<map>.<key>`, anything nested by the root entry it is in.
 */
function touchedBy(item: Y.Item | Y.GC, rootNames: ReadonlyMap<unknown, string>): string[] {
  if (!(item instanceof Y.Item)) return []
  let current: Y.Item = item
  for (;;) {
    const parent = current.parent
    if (!(parent instanceof Y.AbstractType)) return []
    if (parent._item === null) {
      const root = rootNames.get(parent) ?? '?'
      if (root === RECORDS_ARRAY_NAME && current === item) {
        return item.content
          .getContent()
          .map((entry) => (entry as { key?: unknown } | null)?.key)
          .filter((key): key is string => typeof key === 'string')
      }
      return [current.parentSub === null ? root : `${root}.${current.parentSub}`]
    }
    current = parent._item
  }
}

/**
 * Counts this device's changes to a board's Y.Doc that the server has not confirmed yet, and
 * confirms them from the server's answers (see serverConfirmation.ts). A change is confirmed
 * when the server's state holds every item it inserted and its delete set every item it deleted;
 * what the document cannot tell (which records a change touched) is read from its items.
 *
 * `count` is the number of distinct things (notes, zones, settings) with an unconfirmed change.
 */
export class UnconfirmedChanges {
  private readonly changes: TrackedChange[] = []
  private nextSeq = 1
  private readonly countAtom = atom('unconfirmed changes', 0)
  private readonly rootNames = new Map<unknown, string>()
  private readonly listeners = new Set<() => void>()

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction)
  }

  get count(): Signal<number> {
    return this.countAtom
  }

  /** The order number of the newest change recorded (0 before any). */
  get latestSeq(): number {
    return this.nextSeq - 1
  }

  get hasChanges(): boolean {
    return this.changes.length > 0
  }

  /** Called after every change to the list (recorded, restored, confirmed). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private readonly onTransaction = (transaction: Y.Transaction) => {
    // Updates applied from the server or from this device's stored copy are not local.
    if (!transaction.local) return
    const inserted: IdRange[] = []
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      if (after > before) inserted.push([client, before, after - before])
    }
    const deleted: IdRange[] = []
    for (const [client, items] of transaction.deleteSet.clients) {
      for (const item of items) addRange(deleted, [client, item.clock, item.len])
    }
    if (inserted.length === 0 && deleted.length === 0) return
    this.refreshRootNames()
    const touched = new Set<string>()
    const collect = (item: Y.Item | Y.GC) => {
      for (const key of touchedBy(item, this.rootNames)) touched.add(key)
    }
    // iterateDeletedStructs walks any id ranges; here those of the inserted items.
    const insertedRanges = Y.createDeleteSet()
    for (const [client, clock, len] of inserted) {
      insertedRanges.clients.set(client, [{ clock, len }])
    }
    Y.iterateDeletedStructs(transaction, insertedRanges, collect)
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, collect)
    this.record({ touched: [...touched].sort(), inserted, deleted })
  }

  private refreshRootNames(): void {
    if (this.rootNames.size === this.doc.share.size) return
    for (const [name, type] of this.doc.share) this.rootNames.set(type, name)
  }

  private record(change: LocalChange): void {
    const key = change.touched.join('\n')
    const same = this.changes.find((existing) => existing.touched.join('\n') === key)
    const seq = this.nextSeq++
    if (same) {
      same.seq = seq
      for (const range of change.inserted) addRange(same.inserted, range)
      for (const range of change.deleted) addRange(same.deleted, range)
    } else {
      this.changes.push({ ...change, seq })
    }
    this.changed()
  }

  private changed(): void {
    const touched = new Set<string>()
    for (const change of this.changes) for (const key of change.touched) touched.add(key)
    // A change that touched nothing nameable still counts as one.
    const nameless = this.changes.some((change) => change.touched.length === 0) ? 1 : 0
    this.countAtom.set(touched.size + nameless)
    for (const listener of this.listeners) listener()
  }

  /**
   * The state vector to ask the server with: ours, except that for each client with unconfirmed
   * insertions it is the first such clock, so that the server's answer (sync step 2) carries its
   * items from there on, and so tells how far the server has them. Every answer carries the
   * server's whole delete set.
   */
  question(): ServerQuestion {
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    for (const change of this.changes) {
      for (const [client, clock] of change.inserted) {
        stateVector.set(client, Math.min(stateVector.get(client) ?? 0, clock))
      }
    }
    return { stateVector, upToSeq: this.latestSeq }
  }

  /**
   * Confirms, from the server's answer to `question`, every change recorded before it was asked
   * that the answer proves stored: the server answers a sync step 1 only once everything it
   * accepted before is stored (server/rooms/Room.ts), and what it answers after that may not be.
   */
  confirm(answer: Uint8Array, { stateVector: asked, upToSeq }: ServerQuestion): void {
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(answer)
    } catch {
      return
    }
    const serverClocks = clocksOf(decoded.structs)
    const hasItems = ([client, clock, length]: IdRange) => {
      // Without items of a client in the answer the server has none past what we asked from.
      const serverClock = serverClocks.get(client) ?? asked.get(client) ?? 0
      return clock + length <= serverClock
    }
    const before = this.changes.length
    for (let index = this.changes.length - 1; index >= 0; index--) {
      const change = this.changes[index]!
      if (change.seq > upToSeq) continue
      if (change.inserted.every(hasItems) && change.deleted.every((range) => deleteSetCovers(decoded.ds, range))) {
        this.changes.splice(index, 1)
      }
    }
    if (this.changes.length !== before) this.changed()
  }

  /** What to keep on the device so that a reload still knows what the server has not confirmed. */
  toStored(): StoredLocalChanges {
    return {
      version: 1,
      changes: this.changes.map(({ touched, inserted, deleted }) => ({ touched, inserted, deleted })),
    }
  }

  /** Adds the changes kept by an earlier visit (ignored when they are not in our format). */
  restore(stored: unknown): void {
    const parsed = StoredLocalChanges.safeParse(stored)
    if (!parsed.success || parsed.data.changes.length === 0) return
    for (const change of parsed.data.changes) this.changes.push({ ...change, seq: this.nextSeq++ })
    this.changed()
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction)
    this.listeners.clear()
  }
}
