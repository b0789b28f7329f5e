/**
 * What a client's update may change, checked by the server inside the very transaction that
 * applies it (shared/facilitation.ts says where these rules come from):
 *
 *   - only the server writes the facilitation map, and nobody adds other root types;
 *   - while the board is frozen, participants (edit links) change nothing;
 *   - template zones and titles are the facilitators' to change;
 *   - a note created during an anonymous round, and every later version of it, has no author.
 *
 * The server's own writes on someone's behalf (notes imported through the API) go through the
 * same rules with the caller's role (Room.writeRecordsAsServer).
 *
 * A refused change is not thrown back at the client (its device already holds it): the server
 * writes, in the same transaction, the change that undoes it (the previous value again, or the
 * note without its author). The room then stores and sends everyone, the sender included, the
 * update Yjs encodes for the whole transaction, in which the refused items are already garbage
 * collected: nobody receives the refused content, and the sender's copy converges on the server's,
 * so nothing reappears when it reconnects later.
 *
 * Most updates touch neither protected records nor protected state; for them the check is a look
 * at the items the update added and deleted, and the room relays the client's own bytes.
 * This reads Yjs internals (items, their parents and neighbours) that yjs 13 exports.
 */
import * as Y from 'yjs'
import type { Role } from '../../shared/api.js'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, type StoredRecord } from '../../shared/boardDocument.js'
import { NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { FACILITATION_MAP_NAME, type FacilitationState } from '../../shared/facilitation.js'

/** Why a record key needs a closer look whenever an update touches it. */
export type Protection = 'zone' | 'anonymous'

export interface RuleContext {
  role: Role
  facilitation: FacilitationState
  protectedKeys: ReadonlyMap<string, Protection>
}

/** While the board is frozen, participants change nothing (facilitators still do). */
export function isReadOnlyFor(role: Role, facilitation: FacilitationState): boolean {
  return role !== 'facilitator' && facilitation.frozen
}

/** Only facilitators create, move, resize or delete template zones and titles. */
export function mayChangeZones(role: Role): boolean {
  return role === 'facilitator'
}

/** What the update added and removed, gathered cheaply from the transaction. */
interface Touched {
  recordKeys: Set<string>
  /** Record entries the update added that are still there. */
  insertedRecords: StoredRecord[]
  /** Keys of record entries that existed before and the update deleted. */
  deletedRecordKeys: Set<string>
  mapKeys: Map<Y.Map<unknown>, Set<string>>
  /** Items added to anything but the records array and the known maps (e.g. a new root type). */
  strayItems: Y.Item[]
  malformedEntries: boolean
}

export interface Correction {
  key: string
  reason: 'frozen' | 'zone-locked' | 'anonymous' | 'facilitation-is-server-only' | 'unknown-type' | 'malformed'
}

type RecordEntry = { key: string; val: StoredRecord }

function isRecordEntry(value: unknown): value is RecordEntry {
  if (!value || typeof value !== 'object') return false
  const entry = value as { key?: unknown; val?: unknown }
  return (
    typeof entry.key === 'string' &&
    !!entry.val &&
    typeof entry.val === 'object' &&
    (entry.val as { id?: unknown }).id === entry.key
  )
}

function isZone(record: StoredRecord | undefined): boolean {
  return record?.typeName === 'shape' && record.type === ZONE_SHAPE_TYPE
}

/**
 * Shapes that name a person: our note's `author`, and tldraw's own note's `textLastEditedBy` (a
 * user id). No other tldraw shape (text, frame, geo …) carries a user id in its props or meta
 * (@tldraw/tlschema 5).
 */
type AuthoredShape = StoredRecord & { props: Record<string, unknown> }
/** tldraw's own sticky note (the note tool makes ours; pasted and older ones are tldraw's). */
const TLDRAW_NOTE_SHAPE_TYPE = 'note'

function isNote(record: StoredRecord | undefined): record is AuthoredShape {
  return (
    record?.typeName === 'shape' &&
    (record.type === NOTE_SHAPE_TYPE || record.type === TLDRAW_NOTE_SHAPE_TYPE) &&
    !!record.props &&
    typeof record.props === 'object'
  )
}

/** The props that would name someone, as an anonymous note holds them. */
function authorless(record: AuthoredShape): Record<string, unknown> {
  return record.type === NOTE_SHAPE_TYPE ? { author: '' } : { textLastEditedBy: null }
}

function isAnonymousNote(record: AuthoredShape): boolean {
  const meta = record.meta as Record<string, unknown> | undefined
  return (
    meta?.anonymous === true && Object.entries(authorless(record)).every(([key, value]) => record.props[key] === value)
  )
}

function anonymised(record: AuthoredShape): StoredRecord {
  return {
    ...record,
    props: { ...record.props, ...authorless(record) },
    meta: { ...((record.meta as Record<string, unknown> | undefined) ?? {}), anonymous: true },
  }
}

/** How a record asks to be watched from now on, or null. */
export function protectionOf(record: StoredRecord): Protection | null {
  if (isZone(record)) return 'zone'
  if (isNote(record) && (record.meta as Record<string, unknown> | undefined)?.anonymous === true) return 'anonymous'
  return null
}

const insertedIn = (transaction: Y.Transaction, id: Y.ID) => id.clock >= (transaction.beforeState.get(id.client) ?? 0)

function gatherTouched(doc: Y.Doc, transaction: Y.Transaction): Touched {
  const records = doc.getArray(RECORDS_ARRAY_NAME)
  const known = new Set<unknown>([doc.getMap(META_MAP_NAME), doc.getMap(FACILITATION_MAP_NAME)])
  const touched: Touched = {
    recordKeys: new Set(),
    insertedRecords: [],
    deletedRecordKeys: new Set(),
    mapKeys: new Map(),
    strayItems: [],
    malformedEntries: false,
  }
  const visit = (item: Y.Item, inserted: boolean) => {
    const parent = item.parent
    if (parent === records) {
      // Items deleted before this transaction hold no content any more; this one's still does.
      if (!(item.content instanceof Y.ContentAny)) {
        if (inserted && !item.deleted && item.countable) touched.malformedEntries = true
        return
      }
      for (const entry of item.content.arr) {
        if (!isRecordEntry(entry)) {
          if (inserted && !item.deleted) touched.malformedEntries = true
          continue
        }
        touched.recordKeys.add(entry.key)
        if (inserted && !item.deleted) touched.insertedRecords.push(entry.val)
        else if (!inserted) touched.deletedRecordKeys.add(entry.key)
      }
      return
    }
    if (known.has(parent) && item.parentSub !== null) {
      const map = parent as Y.Map<unknown>
      const keys = touched.mapKeys.get(map) ?? new Set<string>()
      touched.mapKeys.set(map, keys)
      keys.add(item.parentSub)
      return
    }
    if (inserted && !item.deleted) touched.strayItems.push(item)
  }
  for (const [client, structs] of doc.store.clients) {
    const before = transaction.beforeState.get(client) ?? 0
    if (Y.getState(doc.store, client) <= before) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (struct instanceof Y.Item) visit(struct, true)
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && !insertedIn(transaction, struct.id)) visit(struct, false)
  })
  return touched
}

function needsCloserLook(touched: Touched, context: RuleContext): boolean {
  if (touched.strayItems.length > 0 || touched.malformedEntries) return true
  for (const [map, keys] of touched.mapKeys) {
    if (keys.size === 0) continue
    if (map === map.doc?.getMap(FACILITATION_MAP_NAME)) return true
    if (isReadOnlyFor(context.role, context.facilitation)) return true
  }
  if (touched.recordKeys.size === 0) return false
  if (isReadOnlyFor(context.role, context.facilitation)) return true
  const zonesLocked = !mayChangeZones(context.role)
  for (const key of touched.recordKeys) {
    const protection = context.protectedKeys.get(key)
    if (protection === 'anonymous' || (protection === 'zone' && zonesLocked)) return true
  }
  for (const record of touched.insertedRecords) {
    if (zonesLocked && isZone(record)) return true
    if (context.facilitation.anonymous && isNote(record)) return true
  }
  // A protected record that may be gone: its protection must go with it (looked at below).
  if (context.protectedKeys.size > 0) {
    const insertedKeys = new Set(touched.insertedRecords.map((record) => record.id))
    for (const key of touched.deletedRecordKeys) {
      if (context.protectedKeys.has(key) && !insertedKeys.has(key)) return true
    }
  }
  return false
}

/** The value of a map key before the transaction (undefined when it had none). */
function valueBefore(map: Y.Map<unknown>, key: string, transaction: Y.Transaction): unknown {
  // A key's items are chained leftwards from the newest; one live at a time.
  let item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key) ?? null
  while (item && insertedIn(transaction, item.id)) item = item.left
  if (!item || (item.deleted && !Y.isDeleted(transaction.deleteSet, item.id))) return undefined
  if (item.content instanceof Y.ContentDeleted) return undefined
  return item.content.getContent().at(-1)
}

function revertMapKeys(map: Y.Map<unknown>, keys: Iterable<string>, transaction: Y.Transaction): void {
  for (const key of keys) {
    const before = valueBefore(map, key, transaction)
    if (before === undefined) {
      if (map.has(key)) map.delete(key)
    } else if (map.get(key) !== before) {
      map.set(key, before)
    }
  }
}

/** Each candidate key's value before and after the transaction, and where its live entries are. */
function recordValues(records: Y.Array<unknown>, keys: ReadonlySet<string>, transaction: Y.Transaction) {
  const before = new Map<string, StoredRecord>()
  const after = new Map<string, StoredRecord>()
  const liveIndices: number[] = []
  const malformedIndices: number[] = []
  let index = 0
  for (let item = (records as unknown as { _start: Y.Item | null })._start; item; item = item.right) {
    const live = !item.deleted
    if (item.content instanceof Y.ContentAny) {
      const liveBefore = !insertedIn(transaction, item.id) && (live || Y.isDeleted(transaction.deleteSet, item.id))
      item.content.arr.forEach((entry, offset) => {
        if (!isRecordEntry(entry)) {
          if (live) malformedIndices.push(index + offset)
          return
        }
        if (!keys.has(entry.key)) return
        if (liveBefore) before.set(entry.key, entry.val)
        if (live) {
          after.set(entry.key, entry.val)
          liveIndices.push(index + offset)
        }
      })
    } else if (live && item.countable) {
      for (let offset = 0; offset < item.length; offset++) malformedIndices.push(index + offset)
    }
    if (live && item.countable) index += item.length
  }
  return { before, after, liveIndices, malformedIndices }
}

function recordTarget(
  before: StoredRecord | undefined,
  after: StoredRecord | undefined,
  context: RuleContext,
): { target: StoredRecord | undefined; reason: Correction['reason'] } | null {
  if (isReadOnlyFor(context.role, context.facilitation)) return { target: before, reason: 'frozen' }
  if (!mayChangeZones(context.role) && (isZone(before) || isZone(after))) {
    return { target: before, reason: 'zone-locked' }
  }
  if (isNote(after)) {
    const mustBeAnonymous = before
      ? (before.meta as Record<string, unknown> | undefined)?.anonymous === true
      : context.facilitation.anonymous
    if (mustBeAnonymous && !isAnonymousNote(after)) return { target: anonymised(after), reason: 'anonymous' }
  }
  return null
}

/**
 * Applies the rules to the transaction that just applied a client's update, or a server write
 * made for someone (call inside it). Returns the corrections written; an empty list means the
 * update stands as it was written. `onRecord` hears each record the transaction wrote, and
 * each protected one it removed (as undefined), so protections can follow.
 */
export function enforceUpdateRules(
  doc: Y.Doc,
  transaction: Y.Transaction,
  context: RuleContext,
  onRecord: (key: string, record: StoredRecord | undefined) => void,
): Correction[] {
  const touched = gatherTouched(doc, transaction)
  if (!needsCloserLook(touched, context)) {
    for (const record of touched.insertedRecords) onRecord(record.id, record)
    return []
  }
  const corrections: Correction[] = []
  for (const item of touched.strayItems) {
    item.delete(transaction)
    corrections.push({ key: String(item.parentSub ?? ''), reason: 'unknown-type' })
  }
  const facilitationMap = doc.getMap(FACILITATION_MAP_NAME)
  for (const [map, keys] of touched.mapKeys) {
    const serverOnly = map === facilitationMap
    if (!serverOnly && !isReadOnlyFor(context.role, context.facilitation)) continue
    revertMapKeys(map, keys, transaction)
    for (const key of keys) corrections.push({ key, reason: serverOnly ? 'facilitation-is-server-only' : 'frozen' })
  }

  const records = doc.getArray<unknown>(RECORDS_ARRAY_NAME)
  const { before, after, liveIndices, malformedIndices } = recordValues(records, touched.recordKeys, transaction)
  const rewrites = new Map<string, StoredRecord | undefined>()
  for (const key of touched.recordKeys) {
    const decision = recordTarget(before.get(key), after.get(key), context)
    if (!decision) continue
    rewrites.set(key, decision.target)
    corrections.push({ key, reason: decision.reason })
  }
  if (malformedIndices.length > 0) corrections.push({ key: '', reason: 'malformed' })
  // Every live entry of a rewritten key goes, then its one right value comes last (it wins).
  const doomed = [
    ...malformedIndices,
    ...liveIndices.filter((index) => {
      const entry = records.get(index) as RecordEntry
      return rewrites.has(entry.key)
    }),
  ].sort((a, b) => b - a)
  for (const index of doomed) records.delete(index, 1)
  const replacements: RecordEntry[] = []
  for (const [key, target] of rewrites) if (target) replacements.push({ key, val: target })
  if (replacements.length > 0) records.push(replacements)

  for (const key of touched.recordKeys) onRecord(key, rewrites.has(key) ? rewrites.get(key) : after.get(key))
  return corrections
}
