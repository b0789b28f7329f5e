import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { getLanguage } from '../i18n/index.js'
import { type NoteShape, noteShapeProps } from '../model/shapeProps.js'
import { BoxShapeUtil } from './BoxShapeUtil.js'
import { NoteCard } from './NoteCard.js'

/** Versions of the note's props; CUSTOM_SHAPE_SCHEMA_SEQUENCES in shared/ moves with them. */
const versions = createShapePropsMigrationIds(NOTE_SHAPE_TYPE, { AddUnsortedCategory: 1 })

/** A structured note of the situational picture (shared/canvasShapes.ts has the model). */
export class SituationNoteShapeUtil extends BoxShapeUtil<NoteShape> {
  static override type = NOTE_SHAPE_TYPE
  static override props = noteShapeProps
  static override migrations = createShapePropsMigrationSequence({
    sequence: [
      // Stored notes stay valid as they are; the step exists so that older clients see a newer
      // schema (and ask to reload) rather than refusing notes in the new category.
      { id: versions.AddUnsortedCategory, up: (props) => props },
    ],
  })
  protected readonly filled = true

  getDefaultProps(): NoteShape['props'] {
    const now = Date.now()
    return {
      category: 'strength',
      text: '',
      fields: {},
      author: '',
      createdAt: now,
      updatedAt: now,
      w: NOTE_DEFAULT_SIZE.w,
      h: NOTE_DEFAULT_SIZE.h,
      categoryChosen: false,
    }
  }

  override canEdit() {
    return true
  }

  override getText(shape: NoteShape) {
    return shape.props.text
  }

  override getAriaDescriptor(shape: NoteShape) {
    return `${getCategory(shape.props.category).labels[getLanguage()]}: ${shape.props.text}`
  }

  // Sticky notes as people know them: a fixed width, a height that follows the text (the editor
  // grows it), and no handles to resize one by accident when grabbing it near a corner.
  override canResize() {
    return false
  }

  override hideResizeHandles() {
    return true
  }

  component(shape: NoteShape) {
    return <NoteCard shape={shape} />
  }

  getIndicatorPath(shape: NoteShape) {
    // The edit form covers the note; an outline drawn across the form would only clutter it.
    if (this.editor.getEditingShapeId() === shape.id) return undefined
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 8)
    return path
  }
}
