/**
 * Adding a note from the palette, a category tool or the note tool: where it goes (the rule in
 * shared/notePlacement.ts), what it holds, and straight into editing.
 */
import { Box, createShapeId, type Editor, type TLShapeId, type VecLike } from 'tldraw'
import type { CategoryId } from '../../shared/categories.js'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { freeSpotForZone, freeSpotNear } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { rememberPlacedNote } from './settleNotes.js'
import { categoryZones, occupiedAreas, zoneAreas } from './zoneRule.js'

export interface NewNote {
  category: CategoryId
  /** False for an automatic note: the zone rule then picks the category. */
  categoryChosen: boolean
  author: string
}

/**
 * Where a new note goes: a chosen category's note into a free cell of that category's zone
 * (in the part in view when it has room; when the zone is full, the free spot nearest it outside
 * every other zone and the title area); any other note, or one whose category has no zone,
 * onto the free spot nearest `center` (default: the view's centre).
 */
export function newNotePosition(editor: Editor, note: Pick<NewNote, 'category' | 'categoryChosen'>, center?: VecLike) {
  const occupied = occupiedAreas(editor)
  const view = editor.getViewportPageBounds()
  if (note.categoryChosen) {
    const zone = categoryZones(editor).find((candidate) => candidate.category === note.category)
    if (zone) {
      // Outside a full zone, not in another zone nor the title area.
      const others = zoneAreas(editor).filter((area) => area.id !== zone.id)
      return freeSpotForZone(zone, occupied, NOTE_DEFAULT_SIZE, view, others)
    }
  }
  const at = center ?? view.center
  return freeSpotNear(at, occupied, NOTE_DEFAULT_SIZE, zoneAt(at, categoryZones(editor)))
}

/**
 * Creates a note where `newNotePosition` puts it, brings it into view when it is not, and starts
 * editing it. Returns its id.
 */
export function placeNewNote(editor: Editor, note: NewNote, center?: VecLike): TLShapeId {
  const position = newNotePosition(editor, note, center)
  editor.markHistoryStoppingPoint('add note')
  const id = createShapeId()
  editor.run(() => {
    editor.setCurrentTool('select')
    createNote(editor, id, position, note)
  })
  bringIntoView(editor, id)
  startEditingNote(editor, id)
  return id
}

/** Moves the camera (keeping the zoom) to a note that is not wholly in view. */
function bringIntoView(editor: Editor, id: TLShapeId): void {
  const bounds = editor.getShapePageBounds(id)
  if (!bounds || editor.getViewportPageBounds().contains(bounds)) return
  editor.centerOnPoint(bounds.center)
}

/**
 * Creates an empty note with its top-left corner at `position` (page space) and selects it. The
 * zone rule gives an automatic note its category as it is created.
 */
export function createNote(editor: Editor, id: TLShapeId, position: VecLike, note: NewNote): void {
  const now = Date.now()
  editor.createShape({
    id,
    type: NOTE_SHAPE_TYPE,
    x: position.x,
    y: position.y,
    props: { ...note, text: '', fields: {}, createdAt: now, updatedAt: now },
  })
  editor.select(id)
  if (editor.getShape(id)) rememberPlacedNote(id, Box.From({ ...position, ...NOTE_DEFAULT_SIZE }))
}

/** Enters editing for a note through the editor's public API (tldraw's Enter key does the same). */
export function startEditingNote(editor: Editor, id: TLShapeId): void {
  const shape = editor.getShape(id)
  if (!shape || !editor.canEditShape(shape)) return
  if (editor.getCurrentToolId() !== 'select') editor.setCurrentTool('select')
  editor.select(id)
  editor.setEditingShape(id)
}

/** Leaves editing (Done, Escape, Ctrl+Enter), keeping the note selected, and gives the canvas the keyboard. */
export function finishEditing(editor: Editor): void {
  // Editing started by tldraw (a double-click) runs in its editing state, which ends itself.
  if (editor.isIn('select.editing_shape')) editor.complete()
  else editor.setEditingShape(null)
  editor.getContainer().focus()
}

/**
 * Editing that started outside tldraw's editing state ends as tldraw's does: when the note is no
 * longer the one selected shape (a tap on the canvas, another shape). Returns the unsubscribe.
 */
export function registerEditingEnd(editor: Editor): () => void {
  return editor.sideEffects.registerAfterChangeHandler('instance_page_state', (_previous, next) => {
    const editing = next.editingShapeId
    if (!editing || editor.isIn('select.editing_shape')) return
    if (next.selectedShapeIds.length !== 1 || next.selectedShapeIds[0] !== editing) editor.setEditingShape(null)
  })
}
