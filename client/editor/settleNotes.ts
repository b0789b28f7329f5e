/**
 * Notes added at the same moment by several people: each person's board picks the same free
 * cell, as none sees the others' notes yet. Once a peer's note arrives on top of a note this
 * person just placed (and has not moved since), one of the two moves on to a free spot: ours,
 * unless the peer's is just as new and its id sorts after ours (then its creator moves it), so
 * exactly one of each pair moves and every board settles without overlaps.
 */
import { Box, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { NOTE_DEFAULT_SIZE } from '../../shared/canvasShapes.js'
import { freeSpotInZone, freeSpotNear, overlaps } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { isNoteShape } from '../model/shapeProps.js'
import { categoryZones, occupiedAreas } from './zoneRule.js'

/** How long after placing a note it may still be moved aside for a peer's. */
const FRESH_MS = 15_000

/** Notes this person placed lately, with where they were placed. */
const placed = new Map<TLShapeId, { bounds: Box; at: number }>()

/** Records that this person's board just placed a note at `bounds` (page space). */
export function rememberPlacedNote(id: TLShapeId, bounds: Box): void {
  const now = Date.now()
  for (const [other, entry] of placed) if (now - entry.at > FRESH_MS) placed.delete(other)
  placed.set(id, { bounds, at: now })
}

const isFresh = (shape: TLShape) => isNoteShape(shape) && Date.now() - shape.props.createdAt < FRESH_MS

/** True when ours, rather than `theirs`, is the one to move. */
function oursMoves(ours: TLShapeId, theirs: TLShape): boolean {
  return !(isFresh(theirs) && theirs.id > ours)
}

function moveAside(editor: Editor, id: TLShapeId): void {
  const shape = editor.getShape(id)
  const bounds = shape && editor.getShapePageBounds(shape)
  const entry = placed.get(id)
  // Moved by hand since it was placed: where it is now is the person's choice.
  if (!shape || !bounds || !entry || bounds.x !== entry.bounds.x || bounds.y !== entry.bounds.y) return
  const occupied = occupiedAreas(editor, id)
  if (!occupied.some((area) => overlaps(area, bounds))) return
  const zone = zoneAt(bounds.center, categoryZones(editor))
  const spot =
    (zone && freeSpotInZone(zone, occupied, NOTE_DEFAULT_SIZE, editor.getViewportPageBounds())) ??
    freeSpotNear(bounds.center, occupied, NOTE_DEFAULT_SIZE)
  editor.updateShape({ id, type: shape.type, x: spot.x, y: spot.y })
  placed.set(id, { bounds: Box.From({ ...spot, w: bounds.w, h: bounds.h }), at: entry.at })
}

/** Watches peers' notes for ones landing on this person's new notes; returns the unsubscribe. */
export function registerNoteSettling(editor: Editor): () => void {
  const pending = new Set<TLShapeId>()
  const check = (theirs: TLShape, source: 'user' | 'remote') => {
    if (source !== 'remote' || !isNoteShape(theirs) || placed.size === 0) return
    const theirBounds = editor.getShapePageBounds(theirs)
    if (!theirBounds) return
    for (const [id, entry] of placed) {
      if (id === theirs.id || !overlaps(entry.bounds, theirBounds) || !oursMoves(id, theirs)) continue
      pending.add(id)
    }
    if (pending.size === 0) return
    // Not inside the peer's transaction: a change made there would count as theirs and never sync.
    editor.timers.setTimeout(() => {
      const ids = [...pending]
      pending.clear()
      editor.run(() => {
        for (const id of ids) moveAside(editor, id)
      })
    }, 0)
  }
  const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', check)
  const stopChange = editor.sideEffects.registerAfterChangeHandler('shape', (_previous, next, source) =>
    check(next, source),
  )
  return () => {
    stopCreate()
    stopChange()
  }
}
