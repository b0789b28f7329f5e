import {
  createTLStore,
  defaultBindingUtils,
  type Editor,
  type TLPointerEventInfo,
  type TLShapeId,
  type TLStore,
} from 'tldraw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { SituationNoteTool } from '../../client/editor/noteTool.js'
import { chooseNoteCategory } from '../../client/editor/noteUpdates.js'
import { finishEditing, registerEditingEnd, startEditingNote } from '../../client/editor/placeNote.js'
import { registerZoneRule } from '../../client/editor/zoneRule.js'
import { isNoteShape, type NoteShape } from '../../client/model/shapeProps.js'
import { NOTE_DEFAULT_SIZE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { overlaps } from '../../shared/notePlacement.js'
import { headlessEditor } from '../helpers/headlessEditor.js'

let store: TLStore
let editor: Editor
let stopZoneRule: () => void
let stopEditingEnd: () => void

beforeEach(() => {
  store = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
  editor = headlessEditor(store, boardShapeUtils, defaultBindingUtils, [SituationNoteTool])
  editor.user.updateUserPreferences({ name: 'Aino' })
  stopZoneRule = registerZoneRule(editor)
  stopEditingEnd = registerEditingEnd(editor)
  // A needs zone at the page's top-left; the camera shows the page at 100 %, so screen = page.
  editor.createShape({
    id: 'shape:zone-need' as TLShapeId,
    type: ZONE_SHAPE_TYPE,
    x: 0,
    y: 0,
    isLocked: true,
    props: { kind: 'category', category: 'need', heading: '', subheading: '', w: 600, h: 500 },
  })
})

afterEach(() => {
  stopZoneRule()
  stopEditingEnd()
  editor.dispose()
  store.dispose()
})

function pointer(name: TLPointerEventInfo['name'], x: number, y: number): void {
  editor.dispatch({
    type: 'pointer',
    name,
    target: 'canvas',
    point: { x, y, z: 0.5 },
    pointerId: 1,
    button: 0,
    isPen: false,
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    accelKey: false,
  })
  // Moves wait for the next frame; the test is the frame.
  editor.emit('tick', 16)
}

const notes = () => editor.getCurrentPageShapes().filter(isNoteShape)

/** N, then a click at (x, y): what a person does with the note tool. */
function clickWithNoteTool(x: number, y: number): NoteShape {
  editor.setCurrentTool('note')
  pointer('pointer_down', x, y)
  pointer('pointer_up', x, y)
  const [note] = editor.getSelectedShapes()
  if (!isNoteShape(note)) throw new Error(`selected: ${note?.type}`)
  return note
}

describe('the note tool (N)', () => {
  it('is ours, in place of tldraw’s, under the same id', () => {
    expect(editor.root.children?.note).toBeInstanceOf(SituationNoteTool)
  })

  it('a click in a zone makes a structured note of that zone’s category, centred there, open for editing', () => {
    const note = clickWithNoteTool(300, 200)
    expect(note.props).toMatchObject({ category: 'need', categoryChosen: false, author: 'Aino', text: '' })
    expect({ x: note.x, y: note.y }).toEqual({ x: 300 - NOTE_DEFAULT_SIZE.w / 2, y: 200 - NOTE_DEFAULT_SIZE.h / 2 })
    expect(editor.getEditingShapeId()).toBe(note.id)
    // Editing began through the public API (setEditingShape), with the select tool in charge.
    expect(editor.getCurrentToolId()).toBe('select')
    expect(editor.getCurrentPageShapes().some((shape) => shape.type === 'note')).toBe(false)
  })

  it('a click on a note already there puts the new one on the nearest free spot, not on top', () => {
    const first = clickWithNoteTool(300, 200)
    finishEditing(editor)
    const second = clickWithNoteTool(300, 200)
    const [a, b] = [editor.getShapePageBounds(first)!, editor.getShapePageBounds(second)!]
    expect(overlaps(a, b)).toBe(false)
    expect(second.props.category).toBe('need')
  })

  it('editing ends as tldraw’s does: Done keeps the note selected, a tap on the canvas deselects it', () => {
    const note = clickWithNoteTool(300, 200)
    finishEditing(editor)
    expect(editor.getEditingShapeId()).toBeNull()
    expect(editor.getSelectedShapeIds()).toEqual([note.id])
    startEditingNote(editor, note.id)
    expect(editor.getEditingShapeId()).toBe(note.id)
    editor.selectNone()
    expect(editor.getEditingShapeId()).toBeNull()
  })

  it('a click outside every zone makes an unsorted note; undo takes it away again', () => {
    const note = clickWithNoteTool(900, 700)
    expect(note.props).toMatchObject({ category: 'unsorted', categoryChosen: false })
    editor.complete()
    editor.undo()
    expect(notes()).toEqual([])
  })

  it('press and drag moves the new note first; it takes the zone where it is let go, then opens', () => {
    editor.setCurrentTool('note')
    pointer('pointer_down', 900, 700)
    pointer('pointer_move', 700, 500)
    pointer('pointer_move', 300, 250)
    pointer('pointer_up', 300, 250)
    const [note] = notes()
    expect(notes()).toHaveLength(1)
    expect(note!.props.category).toBe('need')
    expect(editor.getEditingShapeId()).toBe(note!.id)
  })

  it('with the tool locked, each click adds a note and the tool stays', () => {
    editor.updateInstanceState({ isToolLocked: true })
    clickWithNoteTool(100, 100)
    pointer('pointer_down', 900, 100)
    pointer('pointer_up', 900, 100)
    expect(
      notes()
        .map((note) => note.props.category)
        .sort(),
    ).toEqual(['need', 'unsorted'])
    expect(editor.getCurrentToolId()).toBe('note')
    expect(editor.getEditingShapeId()).toBeNull()
  })
})

describe('the zone rule', () => {
  it('an unsorted note dropped into a zone is sorted; moved out of every zone it is unsorted again', () => {
    const note = clickWithNoteTool(900, 700)
    editor.complete()
    editor.updateShape<NoteShape>({ id: note.id, type: note.type, x: 200, y: 200 })
    expect((editor.getShape(note.id) as NoteShape).props.category).toBe('need')
    editor.updateShape<NoteShape>({ id: note.id, type: note.type, x: 2000, y: 200 })
    expect((editor.getShape(note.id) as NoteShape).props.category).toBe('unsorted')
  })

  it('a category someone chose stays, in a zone or outside', () => {
    const note = clickWithNoteTool(900, 700)
    editor.complete()
    chooseNoteCategory(editor, note.id, 'actor')
    editor.updateShape<NoteShape>({ id: note.id, type: note.type, x: 200, y: 200 })
    expect((editor.getShape(note.id) as NoteShape).props).toMatchObject({ category: 'actor', categoryChosen: true })
  })
})
