/** Edits of a note's props as a person makes them: each also stamps updatedAt. */
import type { Editor, TLShapeId } from 'tldraw'
import type { CategoryId } from '../../shared/categories.js'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'
import { withCategory } from '../model/noteFields.js'
import { isNoteShape, type NoteShape } from '../model/shapeProps.js'

function update(editor: Editor, id: TLShapeId, patch: (props: NoteShapeProps) => Partial<NoteShapeProps>): void {
  // Read the note now, not from a render: a peer may have changed other fields meanwhile.
  const note = editor.getShape(id)
  if (!isNoteShape(note)) return
  editor.updateShape<NoteShape>({ id, type: note.type, props: { ...patch(note.props), updatedAt: Date.now() } })
}

export function setNoteText(editor: Editor, id: TLShapeId, text: string): void {
  update(editor, id, () => ({ text }))
}

/** Sets one field; an empty value removes it. */
export function setNoteField(editor: Editor, id: TLShapeId, key: string, value: string): void {
  update(editor, id, (props) => {
    const fields = { ...props.fields }
    if (value === '') delete fields[key]
    else fields[key] = value
    return { fields }
  })
}

/** A category a person chose: the zone rule leaves the note alone from now on. */
export function chooseNoteCategory(editor: Editor, id: TLShapeId, category: CategoryId): void {
  update(editor, id, (props) => withCategory(props, category, true))
}
