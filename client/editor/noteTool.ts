/**
 * The tools that add our structured note, so that nothing written on the canvas is left out of
 * the situational picture. tldraw's note tool (key N and the toolbar's note button) makes an
 * automatic note, with the category of the zone it lands in (else unsorted); a category tool
 * (one per category, Alt+1…8) makes a note of its category. A click puts the note centred there
 * (or on the nearest free spot, never over another note) and opens it for editing as the palette
 * does; pressing and dragging moves the new note first; Enter instead adds the note where the
 * palette would (the category's zone, or the view's centre).
 */
import {
  createShapeId,
  StateNode,
  type TLKeyboardEventInfo,
  type TLPointerEventInfo,
  type TLShapeId,
  type TLStateNodeConstructor,
} from 'tldraw'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { CATEGORIES, type CategoryId, UNSORTED } from '../../shared/categories.js'
import { freeSpotNear } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { createNote, type NewNote, placeNewNote, startEditingNote } from './placeNote.js'
import { categoryZones, occupiedAreas } from './zoneRule.js'

class Idle extends StateNode {
  static override id = 'idle'

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onPointerDown(info: TLPointerEventInfo) {
    this.parent.transition('pointing', info)
  }

  override onKeyDown(info: TLKeyboardEventInfo) {
    // The keyboard's way to add: the tool's shortcut, then Enter.
    if (info.key !== 'Enter' || this.editor.getIsReadonly()) return
    placeNewNote(this.editor, newNoteOf(this.parent))
  }

  override onCancel() {
    this.editor.setCurrentTool('select')
  }
}

/** What the tool `tool` adds: a note of its category, or an automatic one. */
function newNoteOf(tool: StateNode): NewNote {
  const category = tool instanceof NoteToolBase ? tool.category : null
  const author = tool.editor.user.getName()
  return category ? { category, categoryChosen: true, author } : { category: UNSORTED, categoryChosen: false, author }
}

class Pointing extends StateNode {
  static override id = 'pointing'

  override onPointerMove(info: TLPointerEventInfo) {
    if (!this.editor.inputs.getIsDragging()) return
    const created = this.create()
    const shape = created && this.editor.getShape(created.id)
    if (!created || !shape) {
      this.parent.transition('idle')
      return
    }
    // tldraw's own note does the same: the select tool moves the new note, then editing starts.
    this.editor.setCurrentTool('select.translating', {
      ...info,
      target: 'shape',
      shape,
      isCreating: true,
      creatingMarkId: created.markId,
      onInteractionEnd: 'note',
      onCreate: () => startEditingNote(this.editor, created.id),
    })
  }

  override onPointerUp() {
    const created = this.create()
    if (!created || this.editor.getInstanceState().isToolLocked) this.parent.transition('idle')
    else startEditingNote(this.editor, created.id)
  }

  override onLongPress() {
    // On touch, a long press is not a tap that adds a note (and nothing was made yet).
    if (this.editor.getInstanceState().isCoarsePointer) this.parent.transition('idle')
  }

  override onCancel() {
    this.parent.transition('idle')
  }

  override onInterrupt() {
    this.parent.transition('idle')
  }

  override onComplete() {
    // Not a release (e.g. Enter while pressing): nothing is made, as in tldraw's tools.
    this.parent.transition('idle')
  }

  /** The note, centred where the pointer went down; null when the board refuses it (read-only). */
  private create(): { id: TLShapeId; markId: string } | null {
    const { editor } = this
    const center = editor.inputs.getOriginPagePoint()
    const id = createShapeId()
    const markId = editor.markHistoryStoppingPoint('add note')
    createNote(
      editor,
      id,
      freeSpotNear(center, occupiedAreas(editor), NOTE_DEFAULT_SIZE, zoneAt(center, categoryZones(editor))),
      // The zone rule sorts an automatic note into the zone it lands in as it is created.
      newNoteOf(this.parent),
    )
    return editor.getShape(id) ? { id, markId } : null
  }
}

abstract class NoteToolBase extends StateNode {
  static override initial = 'idle'
  static override children(): TLStateNodeConstructor[] {
    return [Idle, Pointing]
  }
  override shapeType = NOTE_SHAPE_TYPE
  /** The category of the notes it adds; null: automatic (the zone decides). */
  abstract readonly category: CategoryId | null
}

/** Replaces tldraw's 'note' tool (same id, so its key and toolbar button stay). */
export class SituationNoteTool extends NoteToolBase {
  static override id = 'note'
  readonly category = null
}

/** The tool id of a category's note tool. */
export const categoryToolId = (category: CategoryId) => `note-${category}`

/** Every category but 'unsorted' (the automatic note is that), in the categories' order. */
export const TOOL_CATEGORIES: readonly CategoryId[] = CATEGORIES.map((category) => category.id).filter(
  (id) => id !== UNSORTED,
)

/** One tool per category, each adding that category's note where clicked. */
export const categoryNoteTools: TLStateNodeConstructor[] = TOOL_CATEGORIES.map(
  (id) =>
    class CategoryNoteTool extends NoteToolBase {
      static override id = categoryToolId(id)
      readonly category = id
    },
)
