/**
 * tldraw's note tool (key N and the toolbar's note button) made to add our structured note, so
 * that nothing written with it is left out of the situational picture: a click puts a note
 * centred there (or on the nearest free spot, never over another note), with the category of the
 * zone it lands in (else unsorted), and opens it for editing as the palette does; pressing and
 * dragging moves the new note first.
 */
import { createShapeId, StateNode, type TLPointerEventInfo, type TLShapeId, type TLStateNodeConstructor } from 'tldraw'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { UNSORTED } from '../../shared/categories.js'
import { freeSpotNear } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { createNote, startEditingNote } from './placeNote.js'
import { categoryZones, occupiedAreas } from './zoneRule.js'

class Idle extends StateNode {
  static override id = 'idle'

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onPointerDown(info: TLPointerEventInfo) {
    this.parent.transition('pointing', info)
  }

  override onCancel() {
    this.editor.setCurrentTool('select')
  }
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
      // The zone rule sorts it into the zone it lands in as it is created.
      { category: UNSORTED, categoryChosen: false, author: editor.user.getName() },
    )
    return editor.getShape(id) ? { id, markId } : null
  }
}

/** Replaces tldraw's 'note' tool (same id, so its key and toolbar button stay). */
export class SituationNoteTool extends StateNode {
  static override id = 'note'
  static override initial = 'idle'
  static override children(): TLStateNodeConstructor[] {
    return [Idle, Pointing]
  }
  override shapeType = NOTE_SHAPE_TYPE
}
