/**
 * Our custom shapes as tldraw sees them: the props types (module augmentation) and the validators
 * the store checks every record against. They mirror the zod schemas in shared/canvasShapes.ts,
 * which the server uses; a client test feeds both the same samples.
 */
import { type RecordProps, T, type TLShape } from 'tldraw'
import { CATEGORY_IDS } from '../../shared/categories.js'
import {
  AUTHOR_MAX_LENGTH,
  NOTE_SHAPE_TYPE,
  NOTE_TEXT_MAX_LENGTH,
  type NoteShapeProps,
  ZONE_SHAPE_TYPE,
  type ZoneShapeProps,
} from '../../shared/canvasShapes.js'

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [NOTE_SHAPE_TYPE]: NoteShapeProps
    [ZONE_SHAPE_TYPE]: ZoneShapeProps
  }
}

export type NoteShape = TLShape<typeof NOTE_SHAPE_TYPE>
export type ZoneShape = TLShape<typeof ZONE_SHAPE_TYPE>

const maxLength = (max: number) =>
  T.string.check((value) => {
    if (value.length > max) throw new T.ValidationError(`longer than ${max} characters`)
  })

const ZONE_HEADING_MAX_LENGTH = 200

export const noteShapeProps: RecordProps<NoteShape> = {
  category: T.literalEnum(...CATEGORY_IDS),
  text: maxLength(NOTE_TEXT_MAX_LENGTH),
  fields: T.dict(T.string, T.string),
  author: maxLength(AUTHOR_MAX_LENGTH),
  createdAt: T.positiveInteger,
  updatedAt: T.positiveInteger,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  categoryChosen: T.boolean,
}

export const zoneShapeProps: RecordProps<ZoneShape> = {
  kind: T.literalEnum('category', 'title'),
  category: T.literalEnum(...CATEGORY_IDS).nullable(),
  heading: maxLength(ZONE_HEADING_MAX_LENGTH),
  subheading: maxLength(ZONE_HEADING_MAX_LENGTH),
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

export function isNoteShape(shape: TLShape | undefined | null): shape is NoteShape {
  return shape?.type === NOTE_SHAPE_TYPE
}

export function isZoneShape(shape: TLShape | undefined | null): shape is ZoneShape {
  return shape?.type === ZONE_SHAPE_TYPE
}
