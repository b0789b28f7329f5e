/**
 * The zone rule: a note whose category nobody chose takes the category of the zone its centre
 * lies in, and is unsorted outside every zone. Applied to local changes only; peers receive the
 * result with the note.
 */
import {
  type Computed,
  computed,
  type Editor,
  isPageId,
  type TLPageId,
  type TLShape,
  type TLShapeId,
  Vec,
} from 'tldraw'
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { type CategoryId, UNSORTED } from '../../shared/categories.js'
import { type Point, type Rect, type ZoneArea, zoneAt } from '../../shared/zones.js'
import { isNoteShape, isZoneShape, type NoteShape } from '../model/shapeProps.js'
import { withCategory } from '../model/noteFields.js'

/**
 * The category a note dropped with its centre at `point` takes: that of the zone the shared rule
 * (shared/zones.ts) puts the point in, as the snapshot and exports do; 'unsorted' outside every
 * zone (and in a zone without a category).
 */
export function categoryForDrop(point: Point, zones: readonly ZoneArea[]): CategoryId {
  return zoneAt(point, zones)?.category ?? UNSORTED
}

interface ZoneSignals {
  /** The board's zone shapes, from the store's index by type (one query per editor). */
  zoneShapes: Computed<TLShape[]>
  byPage: Map<TLPageId, Computed<readonly ZoneArea[]>>
}

const zoneSignalsOf = new WeakMap<Editor, ZoneSignals>()

const sameZones = (a: readonly ZoneArea[], b: readonly ZoneArea[]) =>
  a.length === b.length &&
  a.every((zone, i) => {
    const other = b[i]!
    return (
      zone.id === other.id &&
      zone.category === other.category &&
      zone.x === other.x &&
      zone.y === other.y &&
      zone.w === other.w &&
      zone.h === other.h
    )
  })

/**
 * The category zones on a page, in page coordinates: a signal that changes only when a zone does,
 * never when a note moves. It reads the zones through the store's index of shapes by type, so a
 * remote move of 20 notes recomputes nothing here, where a pass over every shape of a 2,000-note
 * board ran for every moved note and every card on every frame.
 */
function zonesSignal(editor: Editor, pageId: TLPageId): Computed<readonly ZoneArea[]> {
  let signals = zoneSignalsOf.get(editor)
  if (!signals) {
    signals = {
      zoneShapes: editor.store.query.records('shape', () => ({ type: { eq: ZONE_SHAPE_TYPE } })),
      byPage: new Map(),
    }
    zoneSignalsOf.set(editor, signals)
  }
  const { zoneShapes, byPage } = signals
  let signal = byPage.get(pageId)
  if (!signal) {
    signal = computed(
      `category zones of ${pageId}`,
      () => {
        const zones: ZoneArea[] = []
        for (const shape of zoneShapes.get()) {
          if (!isZoneShape(shape) || shape.props.kind !== 'category') continue
          if (editor.getAncestorPageId(shape) !== pageId) continue
          const bounds = editor.getShapePageBounds(shape)
          if (bounds)
            zones.push({
              id: shape.id,
              category: shape.props.category,
              x: bounds.x,
              y: bounds.y,
              w: bounds.w,
              h: bounds.h,
            })
        }
        // In id order, the same on every board: the rule takes the first of equal overlapping zones.
        return zones.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      },
      { isEqual: sameZones },
    )
    byPage.set(pageId, signal)
  }
  return signal
}

/** The category zones on a page, in page coordinates. */
export function categoryZones(editor: Editor, pageId = editor.getCurrentPageId()): readonly ZoneArea[] {
  return zonesSignal(editor, pageId).get()
}

/** Every zone's area on the current page (category zones, the title area, …), with its shape id. */
export function zoneAreas(editor: Editor): (Rect & { id: TLShapeId })[] {
  const areas: (Rect & { id: TLShapeId })[] = []
  for (const shape of editor.getCurrentPageShapes()) {
    const bounds = isZoneShape(shape) && editor.getShapePageBounds(shape)
    if (bounds) areas.push({ id: shape.id, x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h })
  }
  return areas
}

/** What a new note must not cover: every shape on the page but zones and arrows. */
export function occupiedAreas(editor: Editor, except?: TLShapeId): Rect[] {
  const areas: Rect[] = []
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.id === except || isZoneShape(shape) || shape.type === 'arrow') continue
    const bounds = editor.getShapePageBounds(shape)
    if (bounds) areas.push({ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h })
  }
  return areas
}

/** A note's centre in page space; works for a record not yet in the store (before-handlers). */
function pageCenter(editor: Editor, note: NoteShape): Vec {
  const local = Vec.Add(note, Vec.Rot({ x: note.props.w / 2, y: note.props.h / 2 }, note.rotation))
  if (isPageId(note.parentId)) return local
  return editor.getShapePageTransform(note.parentId).applyToPoint(local)
}

function applyZoneRule(editor: Editor, shape: TLShape): TLShape {
  if (!isNoteShape(shape) || shape.props.categoryChosen) return shape
  const pageId = isPageId(shape.parentId) ? shape.parentId : editor.getAncestorPageId(shape.parentId)
  if (!pageId) return shape
  const category = categoryForDrop(pageCenter(editor, shape), categoryZones(editor, pageId))
  if (category === shape.props.category) return shape
  return { ...shape, props: withCategory(shape.props, category, false) }
}

/** Applies the zone rule whenever this person creates or changes a note; returns the unsubscribe. */
export function registerZoneRule(editor: Editor): () => void {
  const stopCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
    source === 'user' ? applyZoneRule(editor, shape) : shape,
  )
  const stopChange = editor.sideEffects.registerBeforeChangeHandler('shape', (_previous, next, source) =>
    source === 'user' ? applyZoneRule(editor, next) : next,
  )
  return () => {
    stopCreate()
    stopChange()
  }
}
