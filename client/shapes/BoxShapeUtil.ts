import { createShapePropsMigrationSequence, Rectangle2d, ShapeUtil } from 'tldraw'
import type { NoteShape, ZoneShape } from '../model/shapeProps.js'

/** What the board's two custom shapes have in common: a box, filled or hollow. */
export abstract class BoxShapeUtil<S extends NoteShape | ZoneShape> extends ShapeUtil<S> {
  // Version 0, no steps (the zone's); a subclass with steps overrides this, and
  // CUSTOM_SHAPE_SCHEMA_SEQUENCES must move with any migration added.
  static override migrations = createShapePropsMigrationSequence({ sequence: [] })

  /** Filled: clicks inside hit the shape; hollow: they reach the canvas below. */
  protected abstract readonly filled: boolean

  getGeometry(shape: S) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: this.filled })
  }
}
