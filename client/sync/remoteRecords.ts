/** Pure helpers for bringing document records into a tldraw store: sharing and load order. */
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { StoredRecord } from '../../shared/boardDocument.js'

/** Deep equality of JSON values (what the document holds). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  }
  const aEntries = Object.entries(a)
  if (aEntries.length !== Object.keys(b).length) return false
  const bObject = b as Record<string, unknown>
  return aEntries.every(([key, value]) => Object.hasOwn(bObject, key) && jsonEqual(value, bObject[key]))
}

/**
 * `incoming` with every top-level object (a shape's `props`, `meta`) replaced by `current`'s
 * where the two are deep-equal, or `current` itself when nothing differs. A remote record
 * arrives as fresh objects although a move changed only x and y; tldraw re-renders a shape's
 * content only when its `props` or `meta` object changes, so sharing keeps that render away.
 */
export function reuseUnchangedParts<R extends StoredRecord>(current: R | undefined, incoming: R): R {
  if (!current || current.id !== incoming.id || current.typeName !== incoming.typeName) return incoming
  let changed = Object.keys(current).length !== Object.keys(incoming).length
  const shared: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(incoming)) {
    const before = (current as Record<string, unknown>)[key]
    if (before === value || (typeof value === 'object' && value !== null && jsonEqual(before, value))) {
      shared[key] = before
    } else {
      shared[key] = value
      changed = true
    }
  }
  return changed ? (shared as R) : current
}

/**
 * The order in which a board's records are loaded in slices: document, pages and assets, then
 * zones (the board's frame, shown at once), other shapes with parents before their children, and
 * bindings last, when the shapes they join are there.
 */
export function loadOrder(records: readonly StoredRecord[]): StoredRecord[] {
  const parents = new Map<string, unknown>()
  for (const record of records) if (record.typeName === 'shape') parents.set(record.id, record.parentId)
  const depthOf = (id: string): number => {
    let depth = 0
    // Bounded: a parent cycle (a corrupt document) must not hang the load.
    for (let parent = parents.get(id); typeof parent === 'string' && parents.has(parent) && depth < 64; depth++) {
      parent = parents.get(parent)
    }
    return depth
  }
  const rank = (record: StoredRecord): number => {
    switch (record.typeName) {
      case 'document':
        return 0
      case 'page':
        return 1
      case 'asset':
        return 2
      case 'shape':
        return record.type === ZONE_SHAPE_TYPE ? 3 : 4 + depthOf(record.id)
      case 'binding':
        return 1000
      default:
        return 1001
    }
  }
  return records
    .map((record) => ({ record, rank: rank(record) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ record }) => record)
}

/**
 * Runs `next` in a later task, letting the browser paint and handle input in between. A message
 * port is not clamped like nested timers nor throttled to one call a second in a hidden tab.
 */
export function yieldToBrowser(next: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    const timer = setTimeout(next, 0)
    return () => clearTimeout(timer)
  }
  const channel = new MessageChannel()
  let cancelled = false
  channel.port1.onmessage = () => {
    channel.port1.close()
    if (!cancelled) next()
  }
  channel.port2.postMessage(null)
  return () => {
    cancelled = true
    channel.port1.close()
  }
}
