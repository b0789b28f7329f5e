/**
 * Repairs of shapes that concurrent remote changes leave unusable: a shape whose group or frame is
 * gone, and shapes that share their parent and index. Every client shows the repairs; one client
 * writes each back (bindStoreToYDoc.ts says which), the others hold theirs back until it comes.
 */
import {
  getIndexBetween,
  getIndicesBetween,
  type RecordsDiff,
  type IndexKey,
  Mat,
  type TLPage,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLStore,
} from 'tldraw'
import { jsonEqual } from './remoteRecords.js'

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const localTransform = (shape: TLShape) => Mat.Identity().translate(shape.x, shape.y).rotate(shape.rotation)

/** The page a shape with no known ancestry goes to: the document's first, by index and id. */
function firstPage(store: TLStore): TLPage | undefined {
  let first: TLPage | undefined
  for (const record of store.allRecords()) {
    if (record.typeName !== 'page') continue
    if (!first || compare(record.index, first.index) < 0 || (record.index === first.index && record.id < first.id))
      first = record
  }
  return first
}

/**
 * The orphans among `candidates` (shapes whose parent is neither in the store nor `present`), each
 * moved to its nearest ancestor that survives, where it keeps its place on the page, just above
 * the slot its removed ancestor had. Someone edited the shape while someone else deleted its group
 * or frame: tldraw deletes a group's children with it, but each change was made knowingly and the
 * edit is what someone is working on; a note that vanishes while its author types is the worse
 * surprise, and it is what the binding does elsewhere (an edit concurrent with a deletion keeps
 * the record).
 *
 * The ancestry comes from `removed` (the last state of the records the change removed), so the
 * client that applied the deletion knows it. A shape whose ancestry is unknown here (its parent
 * was gone before it arrived) goes to the first page, above everything there, at its own
 * coordinates: a stand-in until the client that knows writes its repair.
 */
export function rehomeOrphans(
  store: TLStore,
  candidates: Iterable<TLShape>,
  removed: ReadonlyMap<string, TLRecord>,
  present: (id: string) => boolean,
): TLShape[] {
  type Move = { shape: TLShape; parentId: TLParentId; slot: IndexKey | undefined; transform: Mat | null }
  const moves: Move[] = []
  const seen = new Set<string>()
  for (const shape of candidates) {
    if (seen.has(shape.id) || !store.has(shape.id) || present(shape.parentId)) continue
    seen.add(shape.id)
    let transform = localTransform(shape)
    let slot: IndexKey | undefined
    let ancestorId: string = shape.parentId
    // Bounded: a parent cycle among removed records (a corrupt document) must not hang the client.
    for (let depth = 0; depth < 64 && !present(ancestorId); depth++) {
      const gone = removed.get(ancestorId)
      if (gone?.typeName !== 'shape') break
      transform = Mat.Compose(localTransform(gone), transform)
      slot = gone.index
      ancestorId = gone.parentId
    }
    if (slot !== undefined && present(ancestorId)) {
      moves.push({ shape, parentId: ancestorId as TLParentId, slot, transform })
      continue
    }
    const page = firstPage(store)
    if (page) moves.push({ shape, parentId: page.id, slot: undefined, transform: null })
  }
  if (moves.length === 0) return []

  const siblings = childrenByParent(store, new Set(moves.map((move) => move.parentId)))
  const buckets = new Map<string, Move[]>()
  for (const move of moves) {
    const key = `${move.parentId} ${move.slot ?? ''}`
    const bucket = buckets.get(key)
    if (bucket) bucket.push(move)
    else buckets.set(key, [move])
  }
  const rehomed: TLShape[] = []
  for (const bucket of buckets.values()) {
    const { parentId, slot } = bucket[0]!
    const indices = (siblings.get(parentId) ?? []).map((sibling) => sibling.index).sort(compare)
    // A known slot: between it and the next sibling above. None: above every sibling.
    const below = slot ?? indices.at(-1)
    const above = slot === undefined ? undefined : indices.find((index) => index > slot)
    bucket.sort((a, b) => compare(a.shape.index, b.shape.index) || compare(a.shape.id, b.shape.id))
    const fresh = getIndicesBetween(below, above, bucket.length)
    for (const [k, { shape, transform }] of bucket.entries()) {
      const place = transform ? Mat.Decompose(transform) : shape
      rehomed.push({ ...shape, parentId, index: fresh[k]!, x: place.x, y: place.y, rotation: place.rotation })
    }
  }
  return rehomed
}

/**
 * Fresh indices for shapes that share their parent and index with a sibling, by id. Two people
 * who create shapes at the same moment both take the index above the highest they know (say
 * `a6`), and tldraw throws on any later group, ungroup or reorder that asks for an index between
 * the two. The rule gives the same result on every client that holds the same siblings: of shapes
 * sharing an index, the one with the smallest id keeps it and the others, in id order, take
 * indices between it and the next higher sibling's.
 */
export function separateSharedIndices(siblings: readonly TLShape[]): Map<string, TLShape> {
  const sorted = [...siblings].sort((a, b) => compare(a.index, b.index) || compare(a.id, b.id))
  const separated = new Map<string, TLShape>()
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1
    while (end < sorted.length && sorted[end]!.index === sorted[start]!.index) end++
    if (end - start > 1) {
      const fresh = getIndicesBetween(sorted[start]!.index, sorted[end]?.index, end - start - 1)
      for (const [k, index] of fresh.entries()) {
        const shape = sorted[start + 1 + k]!
        separated.set(shape.id, { ...shape, index })
      }
    }
    start = end
  }
  return separated
}

/**
 * Registers on `store` that a shape a local change puts onto an index one of its siblings holds
 * takes the next free index above it instead; returns the unregister. Undo and redo replay changes
 * made before remote ones: a child taken out of a group goes back to an index that a group made
 * elsewhere since (at its top child's index, as tldraw makes groups) now holds, and the editor's
 * rules throw on the pair inside the same operation, before any repair after it could help (fuzz
 * seed 416). tldraw's own operations never leave two siblings on one index.
 */
export function keepLocalIndicesApart(store: TLStore): () => void {
  const apart = (shape: TLShape, source: 'user' | 'remote'): TLShape => {
    if (source !== 'user') return shape
    let taken = false
    let above: IndexKey | undefined
    for (const record of store.allRecords()) {
      if (record.typeName !== 'shape' || record.parentId !== shape.parentId || record.id === shape.id) continue
      if (record.index === shape.index) taken = true
      else if (record.index > shape.index && (above === undefined || record.index < above)) above = record.index
    }
    return taken ? { ...shape, index: getIndexBetween(shape.index, above) } : shape
  }
  const stopCreate = store.sideEffects.registerBeforeCreateHandler('shape', apart)
  const stopChange = store.sideEffects.registerBeforeChangeHandler('shape', (previous, next, source) =>
    previous.parentId === next.parentId && previous.index === next.index ? next : apart(next, source),
  )
  return () => {
    stopCreate()
    stopChange()
  }
}

function childrenByParent(store: TLStore, parents: ReadonlySet<string>): Map<string, TLShape[]> {
  const byParent = new Map<string, TLShape[]>()
  for (const record of store.allRecords()) {
    if (record.typeName !== 'shape' || !parents.has(record.parentId)) continue
    const children = byParent.get(record.parentId)
    if (children) children.push(record)
    else byParent.set(record.parentId, [record])
  }
  return byParent
}

/** A change just applied to the store (remote, or local after the fact), as the repairs need to know it. */
export interface AppliedChange {
  /** Ids the change put. */
  put: readonly string[]
  /** Ids the change removed. */
  removed: readonly string[]
  /** The store's records before the change, of the ids it put or removed (where they were). */
  before: ReadonlyMap<string, TLRecord>
  /** Whether a record absent from the store is still to come (a later load slice or record of the batch). */
  isComing: (id: string) => boolean
}

export interface ShapeRepairs {
  /**
   * Whether a local change set may need a repair: it put a shape into a parent that is gone, or
   * changed shapes beside repairs this client holds back.
   */
  mayNeedRepair(changes: RecordsDiff<TLRecord>, isComing: (id: string) => boolean): boolean
  /**
   * Repairs what `change` left unusable, in the store; call inside the `mergeRemoteChanges` that
   * applied it, or in one of its own after a local change. `writes` tells which repaired ids this
   * client writes back: the others are held back, shown here but not written, until the document
   * brings them or no longer needs them.
   */
  repair(change: AppliedChange, writes: (ids: ReadonlySet<string>) => ReadonlySet<string>): void
  /** Whether `record` is the store's current record and a repair this client holds back. */
  isHeldBack(record: TLRecord): boolean
  /** Forgets held-back repairs of `ids` (this client wrote them, or the document replaced them). */
  forget(ids: Iterable<string>): void
  /** Returns what puts the held-back repairs back as they are now (for a change that was rolled back). */
  checkpoint(): () => void
}

/** What a held-back repair stands for. */
interface Held {
  /** The record as the document holds it. */
  doc: TLShape
  /** The record before index separation: `doc`, or `doc` moved out of its deleted parent. */
  base: TLShape
  /** The record the store shows. */
  shown: TLShape
}

/**
 * The repairs of one store. Held-back repairs keep the store a function of the document: an
 * index separation is re-derived from the siblings' document records (or their moves out of a
 * deleted parent) whenever a change touches their parent, and undone when no longer needed; a move
 * out of a deleted parent stays until the document's record changes or its parent comes back.
 */
export function createShapeRepairs(store: TLStore): ShapeRepairs {
  const held = new Map<string, Held>()

  const repair: ShapeRepairs['repair'] = (change, writes) => {
    const present = (id: string) => store.has(id as TLRecord['id']) || change.isComing(id)
    // Only shapes that arrived, left, or changed parent or index can orphan or collide (not moves).
    const parents = new Set<string>()
    const candidates: TLShape[] = []
    for (const id of change.put) {
      held.delete(id)
      const before = change.before.get(id)
      const now = store.get(id as TLRecord['id'])
      if (now?.typeName !== 'shape') continue
      if (before?.typeName === 'shape' && before.parentId === now.parentId && before.index === now.index) continue
      candidates.push(now)
      parents.add(now.parentId)
      if (before?.typeName === 'shape') parents.add(before.parentId)
    }
    const removed = new Map<string, TLRecord>()
    for (const id of change.removed) {
      held.delete(id)
      const before = change.before.get(id)
      if (before?.typeName !== 'shape') continue
      removed.set(id, before)
      parents.add(before.parentId)
    }

    // Held-back repairs that no longer stand: edited since (and so written), or whose parent is back.
    const bases = new Map<string, TLShape>()
    for (const [id, entry] of held) {
      if (store.get(entry.shown.id) !== entry.shown) {
        held.delete(id)
      } else if (entry.base.parentId !== entry.doc.parentId && present(entry.doc.parentId)) {
        store.put([entry.doc])
        held.delete(id)
        parents.add(entry.doc.parentId)
        parents.add(entry.shown.parentId)
      } else {
        bases.set(id, entry.base)
      }
    }
    if (parents.size === 0) return
    const docOf = (shape: TLShape) => held.get(shape.id)?.doc ?? shape

    if (removed.size > 0)
      for (const record of store.allRecords())
        if (record.typeName === 'shape' && removed.has(record.parentId)) candidates.push(bases.get(record.id) ?? record)
    const rehomed = rehomeOrphans(store, candidates, removed, present)
    const docs = new Map(rehomed.map((shape) => [shape.id, docOf(store.get(shape.id) as TLShape)]))
    if (rehomed.length > 0) store.put(rehomed)
    for (const shape of rehomed) {
      bases.set(shape.id, shape)
      parents.add(shape.parentId)
    }

    const repaired = new Map<string, Held>()
    for (const siblings of childrenByParent(store, parents).values()) {
      const siblingBases = siblings.map((shape) => bases.get(shape.id) ?? shape)
      const separated = separateSharedIndices(siblingBases)
      // A held-back separation that is still needed stays where it is, unless that now collides:
      // derived again against siblings that moved meanwhile, it would move again, and the editor's
      // rules that follow it (an arrow keeps above the shapes it joins) would answer, round after round.
      let targets = siblings.map((shown, k) => {
        const base = siblingBases[k]!
        if (!separated.has(shown.id)) return base
        return held.has(shown.id) && shown.index !== base.index ? shown : separated.get(shown.id)!
      })
      if (new Set(targets.map((target) => target.index)).size < targets.length)
        targets = siblingBases.map((base) => separated.get(base.id) ?? base)
      for (const [k, shown] of siblings.entries()) {
        const base = siblingBases[k]!
        let target = targets[k]!
        if (target !== shown && jsonEqual(target, shown)) target = shown
        if (target !== shown) store.put([target])
        const doc = docs.get(shown.id) ?? docOf(shown)
        if (target === doc) held.delete(shown.id)
        else repaired.set(shown.id, { doc, base, shown: target })
      }
    }
    if (repaired.size === 0) return
    const mine = writes(new Set(repaired.keys()))
    for (const [id, entry] of repaired) {
      if (mine.has(id)) held.delete(id)
      else held.set(id, entry)
    }
  }

  return {
    repair,
    mayNeedRepair(changes, isComing) {
      const shapes: TLShape[] = []
      let removedShape = false
      for (const record of Object.values(changes.added)) if (record.typeName === 'shape') shapes.push(record)
      for (const [from, to] of Object.values(changes.updated))
        if (
          from.typeName === 'shape' &&
          to.typeName === 'shape' &&
          (from.parentId !== to.parentId || from.index !== to.index)
        )
          shapes.push(to)
      for (const record of Object.values(changes.removed)) if (record.typeName === 'shape') removedShape = true
      // keepLocalIndicesApart keeps local changes off shared indices; what is left is a shape put
      // into a parent that is gone, and held-back repairs whose siblings changed.
      if (held.size > 0) return shapes.length > 0 || removedShape
      return shapes.some((shape) => !store.has(shape.parentId) && !isComing(shape.parentId))
    },
    isHeldBack: (record) => held.get(record.id)?.shown === record,
    forget(ids) {
      for (const id of ids) held.delete(id)
    },
    checkpoint() {
      const saved = new Map(held)
      return () => {
        held.clear()
        for (const [id, entry] of saved) held.set(id, entry)
      }
    },
  }
}
