import type { SerializedSchema, SerializedStore, TLRecord, TLStore } from 'tldraw'
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
import {
  currentRecords,
  isStoredRecord,
  lastWriters,
  type RecordEntry,
  type RecordsArray,
  touchedKeys,
  writeRecords,
} from './recordArray.js'
import { isOwnClientId, transactAsWriter } from './anonymousWriterIds.js'
import { loadOrder, reuseUnchangedParts, yieldToBrowser } from './remoteRecords.js'
import { createShapeRepairs, keepLocalIndicesApart } from './shapeRepairs.js'
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
 * so the store always shows what the document holds. Shapes that concurrent changes leave
 * unusable (in a group deleted meanwhile, on a sibling's index) are repaired on every client and
 * written back by one (mergeAndRepair). A remote record that fails validation is skipped and
 * reported; the rest of its batch still applies.
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
    transactAsWriter(
      doc,
      () =>
        writeRecords(
          yarray,
          [],
          vanished.map((record) => record.id),
        ),
      origin,
    )
  }

  // Records of the document not yet loaded into the store (sliced loading, see loadInSlices).
  const pending = new Set<string>()
  const isPending = (id: string) => pending.has(id)
  const repairs = createShapeRepairs(store)
  const stopKeepingIndicesApart = keepLocalIndicesApart(store)
  /** Of `ids`, the repaired shapes this client writes back: those whose current entry it wrote. */
  const writesRepairs = (ids: ReadonlySet<string>): ReadonlySet<string> => {
    if (!canWrite()) return new Set()
    const writers = lastWriters(yarray, ids)
    return new Set([...ids].filter((id) => isOwnClientId(doc, writers.get(id))))
  }

  /**
   * Applies one remote change in one `mergeRemoteChanges` and, inside it, repairs the shapes it
   * leaves unusable (shapeRepairs.ts): a shape edited while someone deleted its group or frame
   * moves to the nearest ancestor that survives, and shapes that share their parent and index get
   * fresh indices. Inside, because the editor's rules that run when the change completes (a group
   * left with one child dissolves into its parent) throw on a shared index, and the store then
   * rolls the whole change back.
   *
   * Every client shows the repairs, but only the client that last wrote a repaired shape writes
   * its repair back; the others hold theirs back until that write comes. Were every client to write
   * it, one of those writes meeting someone's concurrent deletion of the shape would bring it back
   * (fuzz seeds 5, 39); and the last writer of a shape whose group was deleted under it is the
   * client that made the edit, which had the group and so knows where the shape was on the page.
   * A held-back repair is what this client writes if its user edits the shape. The repairs go in
   * as a remote change, so no one can undo them, and the listener for editor rules writes them.
   */
  const mergeAndRepair = (
    apply: () => void,
    put: readonly string[],
    removed: readonly string[],
    { isComing = isPending, before }: { isComing?: (id: string) => boolean; before?: Map<string, TLRecord> } = {},
  ) => {
    if (!before) {
      before = new Map()
      for (const id of [...put, ...removed]) {
        const record = store.get(id as RecordId)
        if (record) before.set(id, record)
      }
    }
    const change = { put, removed, before, isComing }
    const restore = repairs.checkpoint()
    try {
      store.mergeRemoteChanges(() => {
        apply()
        repairs.repair(change, writesRepairs)
      })
    } catch (error) {
      restore()
      throw error
    }
  }

  /**
   * Puts and removes remote records, repaired as mergeAndRepair says; falls back to one record at
   * a time when the batch fails. Unchanged parts of a record keep the store's objects (a remote
   * move re-renders no content).
   */
  const applyRemote = (incoming: StoredRecord[], removals: string[]) => {
    if (incoming.length === 0 && removals.length === 0) return
    const puts = incoming.map((record) =>
      reuseUnchangedParts(store.get(record.id as RecordId) as unknown as StoredRecord | undefined, record),
    )
    const putIds = puts.map((record) => record.id)
    const removeIds = removals.filter((id) => store.has(id as RecordId)) as RecordId[]
    try {
      mergeAndRepair(
        () => {
          if (puts.length > 0) store.put(puts as unknown as TLRecord[])
          if (removeIds.length > 0) store.remove(removeIds)
        },
        putIds,
        removeIds,
      )
      deleteVanished(puts, new Set())
      return
    } catch {
      // The failed batch was rolled back; find the bad records below.
    }
    // Parents before children and bindings last; a parent still to come is not missing, so no
    // shape is moved out of a group that a later record of the batch brings.
    const ordered = loadOrder(puts)
    const position = new Map(ordered.map((record, i) => [record.id, i]))
    const rejected = new Set<string>()
    for (const [i, record] of ordered.entries()) {
      try {
        const isComing = (id: string) => isPending(id) || (position.get(id) ?? -1) > i
        mergeAndRepair(() => store.put([record as unknown as TLRecord]), [record.id], [], { isComing })
      } catch (error) {
        rejected.add(record.id)
        reject(record.id, error)
      }
    }
    for (const id of removeIds) {
      try {
        mergeAndRepair(() => store.remove([id]), [], [id])
      } catch (error) {
        reject(id, error)
      }
    }
    deleteVanished(puts, rejected)
  }

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
      transactAsWriter(
        doc,
        () => {
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
        },
        origin,
      )
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
      repairs.forget([...puts.map((record) => record.id), ...removed])
      transactAsWriter(doc, () => writeRecords(yarray, puts, removed), origin)
      // An undo can bring a shape back into a group deleted elsewhere meanwhile: repaired like a
      // remote change's, and written by this client (it wrote the shape last).
      if (!repairs.mayNeedRepair(changes, isPending)) return
      const before = new Map<string, TLRecord>(Object.values(changes.removed).map((record) => [record.id, record]))
      for (const [from] of Object.values(changes.updated)) before.set(from.id, from)
      try {
        mergeAndRepair(
          () => {},
          puts.map((record) => record.id),
          removed,
          { before },
        )
      } catch {
        // The repair's own consequences failed and were rolled back: the store stays as the user left it.
      }
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
        if (inStore !== undefined && repairs.isHeldBack(inStore)) return false
        if (!inStore) return inDoc !== undefined
        return (inStore as unknown) !== inDoc && JSON.stringify(inStore) !== JSON.stringify(inDoc)
      })
      if (drifted.length === 0) return
      const puts = drifted.flatMap((id) => store.get(id) ?? []) as unknown as StoredRecord[]
      transactAsWriter(
        doc,
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
    // A document whose schema is older than ours (a restored version from before an upgrade)
    // holds records in the older shape: they are migrated on the way in.
    const storedSchema = meta.get(META_SCHEMA_KEY)
    if (storedSchema !== undefined && compareSchema(store, storedSchema) === 'older') {
      for (const [i, record] of puts.entries()) {
        const result = store.schema.migratePersistedRecord(
          record as unknown as TLRecord,
          storedSchema as SerializedSchema,
        )
        if (result.type === 'success') puts[i] = result.value as unknown as StoredRecord
      }
    }
    // This runs inside a Yjs observer: an exception here would surface in the provider.
    try {
      applyRemote(puts, removals)
    } catch (error) {
      for (const record of puts) reject(record.id, error)
    }
  }
  yarray.observe(onRecordsChange)

  const onMetaChange = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    const storedSchema = meta.get(META_SCHEMA_KEY)
    if (storedSchema === undefined) return
    const compat = compareSchema(store, storedSchema)
    if (compat === 'newer') markSchemaTooNew()
    // The document went back to an older schema (a version from before an upgrade was restored):
    // loaded again as at an upgrade, its records are migrated and, by a writer, written back.
    else if (compat === 'older') load()
  }
  meta.observe(onMetaChange)

  let bound = true
  return () => {
    if (!bound) return
    bound = false
    cancelSlice?.()
    stopListening()
    stopWritingRemoteRuleChanges()
    stopKeepingIndicesApart()
    yarray.unobserve(onRecordsChange)
    meta.unobserve(onMetaChange)
  }
}
