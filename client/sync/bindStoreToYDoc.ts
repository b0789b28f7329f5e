import {
  getIndicesBetween,
  type SerializedSchema,
  type SerializedStore,
  type TLRecord,
  type TLShape,
  type TLStore,
} from 'tldraw'
import type * as Y from 'yjs'
import {
  BOARD_DOCUMENT_LAYOUT_VERSION,
  DOCUMENT_RECORD_TYPES,
  getMetaMap,
  META_LAYOUT_VERSION_KEY,
  META_SCHEMA_KEY,
  type StoredRecord,
  type YKeyValue,
} from '../../shared/boardDocument.js'
import { loadOrder, reuseUnchangedParts, yieldToBrowser } from './remoteRecords.js'
import { compareSchema } from './schemaCompat.js'

/** The origin of every Yjs transaction a binding makes, unless the caller passes its own. */
export const LOCAL_ORIGIN = Symbol('tilannekuva-local')

export interface BindStoreOptions {
  /** Origin of the binding's own Yjs transactions; changes carrying it are not applied back. */
  origin?: unknown
  /** Whether local edits are written to the document; read per change (false for viewers). */
  canWrite?: () => boolean
  /**
   * Called once if the document's schema is, or later becomes, newer than this client's. From
   * then on the binding writes nothing: the user should reload to get the newer client.
   */
  onSchemaTooNew?: () => void
  /** Called for each record from the document that failed migration or validation and was skipped. */
  onRecordRejected?: (id: string, error: unknown) => void
  /** Records loaded into the store per task on bind (default 100); the first slice loads at once. */
  loadSliceSize?: number
  /** Runs the next load slice in a later task and returns its cancel (default: after the browser's turn). */
  scheduleSlice?: (next: () => void) => () => void
  /** Called once every record of the document has been loaded into the store. */
  onLoaded?: () => void
}

type RecordId = TLRecord['id']
type RecordEntry = { key: string; val: StoredRecord }
type RecordsArray = Y.Array<RecordEntry>

/** Parents before children, so one-by-one application never meets a binding before its shapes. */
const TYPE_ORDER: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }
const byTypeOrder = (a: StoredRecord, b: StoredRecord) => (TYPE_ORDER[a.typeName] ?? 9) - (TYPE_ORDER[b.typeName] ?? 9)

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
function currentRecords(yarray: RecordsArray, ids?: ReadonlySet<string>): Map<string, StoredRecord> {
  const entries = yarray.toArray()
  const current = new Map<string, StoredRecord>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const { key, val } = entries[i]!
    if ((ids === undefined || ids.has(key)) && !current.has(key)) current.set(key, val)
  }
  return current
}

/** The Yjs client that wrote the current entry of each of `ids`. */
function lastWriters(yarray: RecordsArray, ids: ReadonlySet<string>): Map<string, number> {
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
function writeRecords(yarray: RecordsArray, puts: readonly StoredRecord[], deletes: Iterable<string> = []): void {
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
function touchedKeys(event: Y.YArrayEvent<RecordEntry>): Set<string> {
  const keys = new Set<string>()
  for (const op of event.delta) for (const entry of (op.insert ?? []) as RecordEntry[]) keys.add(entry.key)
  for (const item of event.changes.deleted)
    for (const entry of item.content.getContent() as RecordEntry[]) keys.add(entry.key)
  return keys
}

function isStoredRecord(key: string, value: unknown): value is StoredRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Partial<StoredRecord>
  return record.id === key && typeof record.typeName === 'string' && DOCUMENT_RECORD_TYPES.has(record.typeName)
}

/**
 * Binds a tldraw store to a board's Y.Doc (layout: shared/boardDocument.ts), both ways, and
 * returns the unsubscribe.
 *
 * The document must already hold the server's state (wait for the provider's first sync). On
 * bind, the document's records are migrated from the stored schema and loaded into the store; if
 * the stored schema was older or missing, the migrated records and this client's schema are
 * written back in one transaction. If it is newer, nothing is loaded or written and
 * `onSchemaTooNew` is called.
 *
 * Afterwards, local document-scope changes go to the document in one transaction per change set
 * (also while offline: the provider sends them on reconnect), and remote changes come into the
 * store through `mergeRemoteChanges`, so neither side echoes the other. What the editor's own rules
 * change while remote changes land (unbinding arrows from a note deleted elsewhere) is written back,
 * so the store always shows what the document holds. A remote record that fails validation is
 * skipped and reported; the rest of its batch still applies.
 */
export function bindStoreToYDoc(
  store: TLStore,
  records: YKeyValue<StoredRecord>,
  options: BindStoreOptions = {},
): () => void {
  const doc: Y.Doc = records.doc
  const yarray: RecordsArray = records.yarray
  const meta = getMetaMap(doc)
  const origin = options.origin ?? LOCAL_ORIGIN
  const reject = (id: string, error: unknown) => options.onRecordRejected?.(id, error)
  let schemaTooNew = false

  const markSchemaTooNew = () => {
    if (schemaTooNew) return
    schemaTooNew = true
    options.onSchemaTooNew?.()
  }
  const canWrite = () => !schemaTooNew && (options.canWrite?.() ?? true)

  /**
   * Deletes from the document the remote records that an editor rule removed while they landed:
   * a binding that arrived in one batch with its note's deletion is deleted before any listener
   * sees it, so only the batch itself tells.
   */
  const deleteVanished = (puts: StoredRecord[], rejected: ReadonlySet<string>) => {
    if (!canWrite()) return
    const vanished = puts.filter((record) => !rejected.has(record.id) && !store.has(record.id as RecordId))
    if (vanished.length === 0) return
    doc.transact(
      () =>
        writeRecords(
          yarray,
          [],
          vanished.map((record) => record.id),
        ),
      origin,
    )
  }

  /**
   * Gives shapes that share their parent and index with a sibling fresh indices. Two people who
   * create shapes at the same moment both take the index above the highest they know (say `a6`),
   * and tldraw throws on any later group or reorder that asks for an index between the two. The
   * rule is the same on every client, so their repairs agree: of shapes sharing an index, the one
   * with the smallest id keeps it and the others, in id order, take indices between it and the
   * next higher sibling's. Only the client that last wrote a moving shape repairs it (others wait
   * for its write): were every client to write the repair, one of those writes meeting someone's
   * concurrent deletion of the shape would bring it back, into a deleted group (fuzz seeds 5, 39).
   * The repair goes in as a remote change, so no one can undo it, and the listener for editor
   * rules writes it to the document.
   */
  const repairSharedIndices = (puts: readonly StoredRecord[]) => {
    const parents = new Set<string>()
    for (const record of puts)
      if (record.typeName === 'shape' && typeof record.parentId === 'string') parents.add(record.parentId)
    if (parents.size === 0) return
    const byParent = new Map<string, TLShape[]>()
    for (const record of store.allRecords()) {
      if (record.typeName !== 'shape' || !parents.has(record.parentId)) continue
      const siblings = byParent.get(record.parentId)
      if (siblings) siblings.push(record)
      else byParent.set(record.parentId, [record])
    }
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    const repaired: TLShape[] = []
    for (const siblings of byParent.values()) {
      siblings.sort((a, b) => compare(a.index, b.index) || compare(a.id, b.id))
      for (let start = 0; start < siblings.length; ) {
        let end = start + 1
        while (end < siblings.length && siblings[end]!.index === siblings[start]!.index) end++
        if (end - start > 1) {
          const fresh = getIndicesBetween(siblings[start]!.index, siblings[end]?.index, end - start - 1)
          for (const [k, index] of fresh.entries()) repaired.push({ ...siblings[start + 1 + k]!, index })
        }
        start = end
      }
    }
    if (repaired.length === 0 || !canWrite()) return
    const writers = lastWriters(yarray, new Set(repaired.map((shape) => shape.id)))
    const mine = repaired.filter((shape) => writers.get(shape.id) === doc.clientID)
    if (mine.length > 0) store.mergeRemoteChanges(() => store.put(mine))
  }

  /**
   * Puts and removes remote records; falls back to one record at a time when the batch fails.
   * Unchanged parts of a record keep the store's objects (a remote move re-renders no content).
   */
  const applyRemote = (incoming: StoredRecord[], removals: string[]) => {
    if (incoming.length === 0 && removals.length === 0) return
    const puts = incoming.map((record) =>
      reuseUnchangedParts(store.get(record.id as RecordId) as unknown as StoredRecord | undefined, record),
    )
    const asRecords = puts as unknown as TLRecord[]
    const removeIds = removals.filter((id) => store.has(id as RecordId)) as RecordId[]
    try {
      store.mergeRemoteChanges(() => {
        if (asRecords.length > 0) store.put(asRecords)
        if (removeIds.length > 0) store.remove(removeIds)
      })
      deleteVanished(puts, new Set())
      repairSharedIndices(puts)
      return
    } catch {
      // The failed batch was rolled back; find the bad records below.
    }
    const rejected = new Set<string>()
    for (const record of [...puts].sort(byTypeOrder)) {
      try {
        store.mergeRemoteChanges(() => store.put([record as unknown as TLRecord]))
      } catch (error) {
        rejected.add(record.id)
        reject(record.id, error)
      }
    }
    for (const id of removeIds) {
      try {
        store.mergeRemoteChanges(() => store.remove([id]))
      } catch (error) {
        reject(id, error)
      }
    }
    deleteVanished(puts, rejected)
    repairSharedIndices(puts)
  }

  // Records of the document not yet loaded into the store (sliced loading, see loadInSlices).
  const pending = new Set<string>()
  let cancelSlice: (() => void) | null = null
  const sliceSize = Math.max(1, options.loadSliceSize ?? 100)
  const scheduleSlice = options.scheduleSlice ?? yieldToBrowser

  /**
   * Loads a document in the current schema a slice at a time, zones first, yielding between
   * slices so a large board shows at once and never freezes the page. Each slice reads its
   * records from the document as they are then, and remote changes to records still pending are
   * left to their slice: nothing a slice puts is older than the document. Local edits touch only
   * loaded records, so no slice overwrites them.
   */
  const loadInSlices = (stored: Record<string, StoredRecord>) => {
    const queue = loadOrder(Object.values(stored)).map((record) => record.id)
    for (const id of queue) pending.add(id)
    const stale = store
      .allRecords()
      .filter((record) => DOCUMENT_RECORD_TYPES.has(record.typeName) && !pending.has(record.id))
      .map((record) => record.id)
    let next = 0
    const loadSlice = (removals: string[]) => {
      cancelSlice = null
      const puts: StoredRecord[] = []
      const slice = queue.slice(next, next + sliceSize)
      const current = currentRecords(yarray, new Set(slice))
      for (const id of slice) {
        pending.delete(id)
        const record = current.get(id)
        if (isStoredRecord(id, record)) puts.push(record)
      }
      next += sliceSize
      applyRemote(puts, removals)
      if (next < queue.length) cancelSlice = scheduleSlice(() => loadSlice([]))
      else options.onLoaded?.()
    }
    loadSlice(stale)
  }

  const load = () => {
    const storedSchema = meta.get(META_SCHEMA_KEY)
    const compat = storedSchema === undefined ? 'older' : compareSchema(store, storedSchema)
    if (compat === 'newer') {
      markSchemaTooNew()
      return
    }
    const schema = (storedSchema as SerializedSchema | undefined) ?? store.schema.serialize()

    const stored: Record<string, StoredRecord> = {}
    for (const [key, value] of currentRecords(yarray)) {
      if (isStoredRecord(key, value)) stored[key] = value
      else reject(key, new Error('not a document record'))
    }
    if (compat === 'same') {
      loadInSlices(stored)
      return
    }

    let migrated: StoredRecord[]
    const whole = store.schema.migrateStoreSnapshot({
      store: stored as unknown as SerializedStore<TLRecord>,
      schema,
    })
    if (whole.type === 'success') {
      migrated = Object.values(whole.value) as unknown as StoredRecord[]
    } else {
      // One record that cannot be migrated must not hide all the others.
      migrated = []
      for (const record of Object.values(stored)) {
        const result = store.schema.migratePersistedRecord(record as unknown as TLRecord, schema)
        if (result.type === 'success') migrated.push(result.value as unknown as StoredRecord)
        else reject(record.id, new Error(`migration failed: ${result.reason}`))
      }
    }

    const migratedIds = new Set(migrated.map((record) => record.id))
    const stale = store
      .allRecords()
      .filter((record) => DOCUMENT_RECORD_TYPES.has(record.typeName) && !migratedIds.has(record.id))
      .map((record) => record.id)
    // Migrated all at once (a board's first open after an upgrade): the upgrade is written back whole.
    applyRemote(migrated, stale)

    if (compat === 'older' && canWrite()) {
      doc.transact(() => {
        const puts: StoredRecord[] = []
        const deletes: string[] = []
        for (const [id, before] of Object.entries(stored)) {
          const now = store.get(id as RecordId)
          if (now && JSON.stringify(now) !== JSON.stringify(before)) puts.push(now as unknown as StoredRecord)
          // Records a migration removed leave the document too; rejected ones stay for newer clients.
          if (!now && !migratedIds.has(id) && whole.type === 'success') deletes.push(id)
        }
        writeRecords(yarray, puts, deletes)
        meta.set(META_SCHEMA_KEY, store.schema.serialize())
        if (meta.get(META_LAYOUT_VERSION_KEY) === undefined) {
          meta.set(META_LAYOUT_VERSION_KEY, BOARD_DOCUMENT_LAYOUT_VERSION)
        }
      }, origin)
    }
    options.onLoaded?.()
  }

  load()

  const stopListening = store.listen(
    ({ changes }) => {
      if (!canWrite()) return
      const puts = [
        ...Object.values(changes.added),
        ...Object.values(changes.updated).map(([, record]) => record),
      ].filter((record) => DOCUMENT_RECORD_TYPES.has(record.typeName)) as unknown as StoredRecord[]
      const removed = Object.keys(changes.removed)
      if (puts.length === 0 && removed.length === 0) return
      doc.transact(() => writeRecords(yarray, puts, removed), origin)
    },
    { source: 'user', scope: 'document' },
  )

  // The editor's rules change the store before a remote deletion lands (a deleted note's arrows
  // are unbound, its bindings deleted) under the remote source, so the listener above never sees
  // them. Unwritten, they would leave this store unlike the document: a note that comes back
  // (undo elsewhere) finds its bindings still in the document but gone here.
  const stopWritingRemoteRuleChanges = store.listen(
    ({ changes }) => {
      if (!canWrite()) return
      const ids = [
        ...Object.keys(changes.added),
        ...Object.keys(changes.updated),
        ...Object.keys(changes.removed),
      ] as RecordId[]
      const inDocument = currentRecords(yarray, new Set(ids))
      const drifted = ids.filter((id) => {
        const inStore = store.get(id)
        const inDoc = inDocument.get(id)
        if (!inStore) return inDoc !== undefined
        return (inStore as unknown) !== inDoc && JSON.stringify(inStore) !== JSON.stringify(inDoc)
      })
      if (drifted.length === 0) return
      const puts = drifted.flatMap((id) => store.get(id) ?? []) as unknown as StoredRecord[]
      doc.transact(
        () =>
          writeRecords(
            yarray,
            puts,
            drifted.filter((id) => !store.has(id)),
          ),
        origin,
      )
    },
    { source: 'remote', scope: 'document' },
  )

  // Remote transactions come first in Yjs's queue (nothing applies updates inside an observer), so
  // their events are whole. For the keys they touched, the array's current entries are read now:
  // what the document holds after everything run so far, whatever an event missed.
  const onRecordsChange = (event: Y.YArrayEvent<RecordEntry>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    // Records still pending: their slice will read them from the document as it is then.
    const keys = new Set([...touchedKeys(event)].filter((key) => !pending.has(key)))
    if (keys.size === 0) return
    const current = currentRecords(yarray, keys)
    const puts: StoredRecord[] = []
    const removals: string[] = []
    for (const key of keys) {
      const value = current.get(key)
      if (value === undefined) removals.push(key)
      else if (isStoredRecord(key, value)) puts.push(value)
      else reject(key, new Error('not a document record'))
    }
    // This runs inside a Yjs observer: an exception here would surface in the provider.
    try {
      applyRemote(puts, removals)
    } catch (error) {
      for (const record of puts) reject(record.id, error)
    }
  }
  yarray.observe(onRecordsChange)

  const onMetaChange = () => {
    const storedSchema = meta.get(META_SCHEMA_KEY)
    if (storedSchema !== undefined && compareSchema(store, storedSchema) === 'newer') markSchemaTooNew()
  }
  meta.observe(onMetaChange)

  let bound = true
  return () => {
    if (!bound) return
    bound = false
    cancelSlice?.()
    stopListening()
    stopWritingRemoteRuleChanges()
    yarray.unobserve(onRecordsChange)
    meta.unobserve(onMetaChange)
  }
}
