/** Adding a note from the palette: where it goes, what it holds, and straight into editing. */
import { createShapeId, type Editor, type TLShapeId, type VecLike } from 'tldraw'
import type { CategoryId } from '../../shared/categories.js'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { isNoteShape } from '../model/shapeProps.js'

/** How far each further note at the same spot is moved, so none hides another. */
const CASCADE = 28

/**
 * Top-left corner for a new note centred on `center`, moved down and right past notes already
 * sitting there (tapping the palette five times gives five visible notes).
 */
export function freeNotePosition(center: VecLike, taken: readonly VecLike[], size = NOTE_DEFAULT_SIZE): VecLike {
  let x = center.x - size.w / 2
  let y = center.y - size.h / 2
  for (let i = 0; i < 50 && taken.some((other) => Math.abs(other.x - x) < 4 && Math.abs(other.y - y) < 4); i++) {
    x += CASCADE
    y += CASCADE
  }
  return { x, y }
}

export interface NewNote {
  category: CategoryId
  /** False for an automatic note: the zone rule then picks the category. */
  categoryChosen: boolean
  author: string
}

/** Creates a note at the centre of the viewport, selects it and starts editing it. */
export function placeNoteAtViewportCenter(editor: Editor, note: NewNote): TLShapeId {
  const taken = editor
    .getCurrentPageShapes()
    .filter(isNoteShape)
    .map((shape) => editor.getShapePageBounds(shape)?.point ?? shape)
  const position = freeNotePosition(editor.getViewportPageBounds().center, taken)
  editor.markHistoryStoppingPoint('add note')
  const id = createShapeId()
  editor.run(() => {
    editor.setCurrentTool('select')
    createNote(editor, id, position, note)
  })
  startEditingNote(editor, id)
  return id
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
}

/** Enters editing for a note, as a double-click would. */
export function startEditingNote(editor: Editor, id: TLShapeId): void {
  const shape = editor.getShape(id)
  if (!shape || !editor.canEditShape(shape)) return
  editor.setEditingShape(shape)
  editor.setCurrentTool('select.editing_shape', { target: 'shape', shape })
}
