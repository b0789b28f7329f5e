/**
 * Reading and writing a board's record array (shared/boardDocument.ts) as the binding does:
 * from the array itself, never from YKeyValue's incremental view.
 */
import type * as Y from 'yjs'
import { DOCUMENT_RECORD_TYPES, type StoredRecord } from '../../shared/boardDocument.js'

export type RecordEntry = { key: string; val: StoredRecord }
export type RecordsArray = Y.Array<RecordEntry>

/*
 * The binding reads and writes the record array itself and never trusts YKeyValue's `map`, `has`,
 * `get`, `set` or `change` events: that view is kept up incrementally from each transaction's
 * event, and the events of transactions made inside observers (the binding's write-backs,
 * YKeyValue's own cleanups) are computed only after earlier transactions' cleanup merged their
 * items — a deletion whose item merged into an already deleted neighbour is missing from its
 * event, and the view keeps a record the array no longer holds (fuzz seeds 6 and 16). The array
 * is the truth: the rightmost entry of a key is its record (readBoardRecords).
 */

/** The current entry of each of `ids` (all keys when absent): the rightmost one. */
export function currentRecords(yarray: RecordsArray, ids?: ReadonlySet<string>): Map<string, StoredRecord> {
  const entries = yarray.toArray()
  const current = new Map<string, StoredRecord>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const { key, val } = entries[i]!
    if ((ids === undefined || ids.has(key)) && !current.has(key)) current.set(key, val)
  }
  return current
}

/** The Yjs client that wrote the current entry of each of `ids`. */
export function lastWriters(yarray: RecordsArray, ids: ReadonlySet<string>): Map<string, number> {
  const writers = new Map<string, number>()
  for (let item = yarray._start; item !== null; item = item.right) {
    if (item.deleted) continue
    for (const entry of item.content.getContent() as RecordEntry[])
      if (ids.has(entry.key)) writers.set(entry.key, item.id.client)
  }
  return writers
}

/**
 * Writes and deletes records in the document: every entry of a written or deleted key goes (a
 * concurrent write can leave an older entry to the left of the current one), right to left, and
 * the written records are appended. Call inside a transaction.
 */
export function writeRecords(
  yarray: RecordsArray,
  puts: readonly StoredRecord[],
  deletes: Iterable<string> = [],
): void {
  const keys = new Set([...puts.map((record) => record.id), ...deletes])
  if (keys.size === 0) return
  const entries = yarray.toArray()
  for (let i = entries.length - 1; i >= 0; i--) if (keys.has(entries[i]!.key)) yarray.delete(i, 1)
  if (puts.length > 0) yarray.push(puts.map((record) => ({ key: record.id, val: record })))
}

/**
 * The keys an array event touched: of every entry it added or deleted. Added entries come from
 * the delta, not from `changes.added`: the event is computed once, by the first observer
 * (YKeyValue's), whose cleanup then deletes entries inside the added items and so splits them, and
 * the parts split off are new items missing from that set (fuzz seed 16). The delta's inserts are
 * copies taken when the event was computed. Deleted items are not split by later deletions.
 */
export function touchedKeys(event: Y.YArrayEvent<RecordEntry>): Set<string> {
  const keys = new Set<string>()
  for (const op of event.delta) for (const entry of (op.insert ?? []) as RecordEntry[]) keys.add(entry.key)
  for (const item of event.changes.deleted)
    for (const entry of item.content.getContent() as RecordEntry[]) keys.add(entry.key)
  return keys
}

export function isStoredRecord(key: string, value: unknown): value is StoredRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Partial<StoredRecord>
  return record.id === key && typeof record.typeName === 'string' && DOCUMENT_RECORD_TYPES.has(record.typeName)
}
