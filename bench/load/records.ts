/**
 * Writing records the way YKeyValue (y-utility) does — append the new {key, val}, delete the old
 * entry in the same transaction — so every server sees the bytes a tldraw client sends. The load
 * generator does not run YKeyValue's observer in each simulated client: that observer copies the
 * whole array on every change, which would spend the generator's CPU rather than the server's.
 */
import * as Y from 'yjs'
import { getRecordsArray, type StoredRecord } from '../../shared/boardDocument.js'

export type RecordEntry = { key: string; val: StoredRecord }

export function recordsOf(doc: Y.Doc): Y.Array<RecordEntry> {
  return getRecordsArray(doc)
}

/** Replaces `record` in the array (scanning for its old entry), as YKeyValue.set does. */
export function setRecord(doc: Y.Doc, record: StoredRecord): void {
  const records = recordsOf(doc)
  doc.transact(() => {
    let index = 0
    for (const entry of records) {
      if (entry.key === record.id) {
        records.delete(index, 1)
        break
      }
      index++
    }
    records.push([{ key: record.id, val: record }])
  })
}

/**
 * The same write for a single writer that mirrors the array's keys, so it finds the old entry
 * without walking the Y.Array (needed for 100,000 moves on a 5,000-note board).
 */
export class MirroredWriter {
  private readonly keys: string[]

  constructor(private readonly doc: Y.Doc) {
    this.keys = recordsOf(doc)
      .toArray()
      .map((entry) => entry.key)
  }

  set(record: StoredRecord): void {
    const records = recordsOf(this.doc)
    const index = this.keys.indexOf(record.id)
    this.doc.transact(() => {
      if (index >= 0) records.delete(index, 1)
      records.push([{ key: record.id, val: record }])
    })
    if (index >= 0) this.keys.splice(index, 1)
    this.keys.push(record.id)
  }
}

/**
 * Calls `onEntry` for every entry a transaction added to the records array. It reads the structs
 * created in the transaction (between its before and after state) instead of `event.changes`,
 * which walks the whole array on every event: with a hundred clients in one process that walk
 * cost the generator more than the messages themselves.
 */
export function observeAddedEntries(doc: Y.Doc, onEntry: (entry: RecordEntry, local: boolean) => void): void {
  const records = recordsOf(doc)
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.changed.has(records)) return
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = doc.store.clients.get(client)
      if (!structs) continue
      // Structs are sorted by clock; new ones may have merged into the one holding `before`.
      let low = 0
      let high = structs.length - 1
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if (structs[mid]!.id.clock <= before) low = mid
        else high = mid - 1
      }
      for (let i = low; i < structs.length && structs[i]!.id.clock < after; i++) {
        const struct = structs[i]!
        if (
          !(struct instanceof Y.Item) ||
          struct.deleted ||
          struct.parent !== records ||
          !(struct.content instanceof Y.ContentAny)
        )
          continue
        const entries = struct.content.getContent() as RecordEntry[]
        const from = Math.max(0, before - struct.id.clock)
        const to = Math.min(entries.length, after - struct.id.clock)
        for (let j = from; j < to; j++) onEntry(entries[j]!, transaction.local)
      }
    }
  })
}
