import {
  createShapePropsMigrationSequence,
  Rectangle2d,
  resizeBox,
  ShapeUtil,
  type TLResizeInfo,
} from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { getLanguage } from '../i18n/index.js'
import { NoteCard } from './NoteCard.js'
import { type NoteShape, noteShapeProps } from '../model/shapeProps.js'

/** A structured note of the situational picture (shared/canvasShapes.ts has the model). */
export class SituationNoteShapeUtil extends ShapeUtil<NoteShape> {
  static override type = NOTE_SHAPE_TYPE
  static override props = noteShapeProps
  // Version 0, no steps yet: CUSTOM_SHAPE_SCHEMA_SEQUENCES must move with any migration added here.
  static override migrations = createShapePropsMigrationSequence({ sequence: [] })

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

  getGeometry(shape: NoteShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override canEdit() {
    return true
  }

  override onResize(shape: NoteShape, info: TLResizeInfo<NoteShape>) {
    return resizeBox(shape, info, { minWidth: 140, minHeight: 100 })
  }

  override getText(shape: NoteShape) {
    return shape.props.text
  }

  override getAriaDescriptor(shape: NoteShape) {
    return `${getCategory(shape.props.category).labels[getLanguage()]}: ${shape.props.text}`
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
