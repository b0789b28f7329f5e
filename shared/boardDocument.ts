/**
 * The layout of a board's Yjs document — a contract between client, server and storage.
 *
 *   doc.getArray('records')  Y.Array<{ key, val }> read and written through YKeyValue (y-utility):
 *                            key = tldraw record id, val = the record as plain JSON.
 *                            Only document-scope records live here: document, page, shape, binding, asset.
 *                            Presence, camera and selection never enter the document.
 *   doc.getMap('meta')       'schema'        the tldraw SerializedSchema the records conform to;
 *                            'layoutVersion' BOARD_DOCUMENT_LAYOUT_VERSION below.
 *
 * Why YKeyValue rather than a plain Y.Map: a Y.Map keeps an item (a tombstone) for every value
 * written under a key unless consecutive writes come from one client for that one key. Dragging
 * several notes at once, or editing notes in turn, interleaves keys, and the map grows with every
 * move; YKeyValue's deleted array items merge, so its encoded size stays near the live records'.
 * When two people alternate writes to the same note both layouts grow alike, and compaction of the
 * stored log keeps storage bounded. Measured: tests/shared/boardDocumentLayout.test.ts and
 * `npm run bench` (bench/results/latest.md, "Document layout").
 */
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'

export const BOARD_DOCUMENT_LAYOUT_VERSION = 1
export const RECORDS_ARRAY_NAME = 'records'
export const META_MAP_NAME = 'meta'
export const META_SCHEMA_KEY = 'schema'
export const META_LAYOUT_VERSION_KEY = 'layoutVersion'

/** A tldraw record as stored in the document: plain JSON with an id and a typeName. */
export interface StoredRecord {
  id: string
  typeName: string
  [field: string]: unknown
}

/** The record types that belong in the shared document (tldraw's document scope). */
export const DOCUMENT_RECORD_TYPES: ReadonlySet<string> = new Set(['document', 'page', 'shape', 'binding', 'asset'])

export function getRecordsArray(doc: Y.Doc): Y.Array<{ key: string; val: StoredRecord }> {
  return doc.getArray(RECORDS_ARRAY_NAME)
}

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP_NAME)
}

/**
 * Wraps the document's record array in a YKeyValue. Create one per document and keep it: each
 * instance observes the array and cleans up duplicate keys, so two instances would do that twice.
 */
export function openBoardRecords(doc: Y.Doc): YKeyValue<StoredRecord> {
  return new YKeyValue<StoredRecord>(getRecordsArray(doc))
}

export { YKeyValue }

/**
 * The board's current records, read straight from the array: where a key appears more than once
 * (concurrent writes not yet cleaned up by a YKeyValue), the rightmost entry wins, as in
 * YKeyValue. For readers that should not keep a YKeyValue view — its observer does work on every
 * update for as long as the document lives.
 */
export function readBoardRecords(doc: Y.Doc): StoredRecord[] {
  const entries = getRecordsArray(doc).toArray()
  const seen = new Set<string>()
  const records: StoredRecord[] = []
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    if (seen.has(entry.key)) continue
    seen.add(entry.key)
    records.push(entry.val)
  }
  return records.reverse()
}

/**
 * Writes records as YKeyValue would (old entries of the same keys deleted, new ones appended),
 * without a YKeyValue view. Call inside a transaction to make it one update.
 */
export function writeBoardRecords(doc: Y.Doc, records: readonly StoredRecord[]): void {
  const array = getRecordsArray(doc)
  const keys = new Set(records.map((record) => record.id))
  const entries = array.toArray()
  // From the end, so the indices still to visit do not shift.
  for (let i = entries.length - 1; i >= 0; i--) if (keys.has(entries[i]!.key)) array.delete(i, 1)
  array.push(records.map((record) => ({ key: record.id, val: record })))
}

/**
 * The first update of a new board: its records and the meta that says how to read them (the
 * tldraw schema they follow, our layout version), in one transaction.
 */
export function newBoardDocumentUpdate(schema: unknown, records: Iterable<StoredRecord>): Uint8Array {
  const doc = new Y.Doc()
  const view = openBoardRecords(doc)
  doc.transact(() => {
    for (const record of records) view.set(record.id, record)
    const meta = getMetaMap(doc)
    meta.set(META_SCHEMA_KEY, schema)
    meta.set(META_LAYOUT_VERSION_KEY, BOARD_DOCUMENT_LAYOUT_VERSION)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** One entry of a stored log that could not be applied, or the log as a whole failing to merge. */
export interface StoredLogProblem {
  /** Index of the skipped entry; absent when the merged log failed and entries were tried one by one. */
  index?: number
  error: unknown
}

/**
 * Rebuilds a document from a board's stored update log (in order), applied with `origin`. Tolerant, because one damaged entry must not make the whole board unreadable: if the
 * log does not merge, it applies the entries one by one and skips those that fail, telling
 * `onProblem` about each. Applying an entry twice is harmless for Yjs.
 */
export function applyStoredLog(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  origin: unknown,
  onProblem: (problem: StoredLogProblem) => void = () => {},
): void {
  if (updates.length === 0) return
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]), origin)
  } catch (error) {
    onProblem({ error })
    for (const [index, update] of updates.entries()) {
      try {
        Y.applyUpdate(doc, update, origin)
      } catch (entryError) {
        onProblem({ index, error: entryError })
      }
    }
  }
}
