import { resizeBox, type TLResizeInfo } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { getLanguage } from '../i18n/index.js'
import { type ZoneShape, zoneShapeProps } from '../model/shapeProps.js'
import { BoxShapeUtil } from './BoxShapeUtil.js'
import { ZoneArea } from './ZoneArea.js'

/**
 * A template zone. The server lays zones out locked, which keeps them from being selected, moved
 * or deleted by accident; the rest keeps arrows and labels from treating them as content.
 */
export class SituationZoneShapeUtil extends BoxShapeUtil<ZoneShape> {
  static override type = ZONE_SHAPE_TYPE
  static override props = zoneShapeProps
  // Hollow: a click inside a zone reaches the canvas (brush selection, double-click for text).
  protected readonly filled = false

  getDefaultProps(): ZoneShape['props'] {
    return { kind: 'category', category: null, heading: '', subheading: '', w: 1040, h: 800 }
  }

  // Arrows bind to notes, never to the area around them.
  override canBind() {
    return false
  }

  override canSnap() {
    return false
  }

  override hideRotateHandle() {
    return true
  }

  override getAriaDescriptor(shape: ZoneShape) {
    if (shape.props.kind === 'title') return shape.props.heading
    return (
      shape.props.heading || (shape.props.category ? getCategory(shape.props.category).pluralLabels[getLanguage()] : '')
    )
  }

  override onResize(shape: ZoneShape, info: TLResizeInfo<ZoneShape>) {
    return resizeBox(shape, info, { minWidth: 200, minHeight: 150 })
  }

  component(shape: ZoneShape) {
    return <ZoneArea shape={shape} />
  }

  getIndicatorPath(shape: ZoneShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
