/**
 * Our custom shapes as tldraw sees them: the props types (module augmentation) and the validators
 * the store checks every record against, derived from the prop descriptors in
 * shared/canvasShapes.ts, from which the server's zod schemas are derived too.
 */
import { type RecordProps, T, type TLShape } from 'tldraw'
import { assertNever } from '../../shared/assertNever.js'
import {
  NOTE_PROPS,
  NOTE_SHAPE_TYPE,
  type NoteShapeProps,
  ZONE_PROPS,
  ZONE_SHAPE_TYPE,
  type ZoneShapeProps,
} from '../../shared/canvasShapes.js'
import type { PropDescriptor, PropDescriptors, PropsOf } from '../../shared/propDescriptors.js'

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [NOTE_SHAPE_TYPE]: NoteShapeProps
    [ZONE_SHAPE_TYPE]: ZoneShapeProps
  }
}

export type NoteShape = TLShape<typeof NOTE_SHAPE_TYPE>
export type ZoneShape = TLShape<typeof ZONE_SHAPE_TYPE>

function tldrawProp(descriptor: PropDescriptor): T.Validatable<unknown> {
  switch (descriptor.kind) {
    case 'string':
      return T.string.check((value) => {
        if (value.length > descriptor.maxLength)
          throw new T.ValidationError(`longer than ${descriptor.maxLength} characters`)
      })
    case 'enum': {
      const values = T.literalEnum(...descriptor.values)
      return descriptor.nullable ? values.nullable() : values
    }
    case 'boolean':
      return T.boolean
    case 'nonNegativeInt':
      // T.positiveInteger admits integers beyond 2^53, which zod's int() does not.
      return T.positiveInteger.check((value) => {
        if (!Number.isSafeInteger(value)) throw new T.ValidationError('not a safe integer')
      })
    case 'positiveNumber':
      return T.nonZeroNumber
    case 'stringDict':
      // T.dict admits arrays (their indices are string keys), which zod's record does not.
      return T.dict(T.string, T.string).check((value) => {
        if (Array.isArray(value)) throw new T.ValidationError('an array, not an object')
      })
    default:
      return assertNever(descriptor)
  }
}

/** tldraw validators for a props object, one per descriptor. */
export function tldrawProps<S extends PropDescriptors>(
  descriptors: S,
): { [K in keyof S]: T.Validatable<PropsOf<S>[K]> } {
  // Object.fromEntries loses the keys' types; tldrawProp builds each kind's validator as PropValue states.
  return Object.fromEntries(Object.entries(descriptors).map(([key, descriptor]) => [key, tldrawProp(descriptor)])) as {
    [K in keyof S]: T.Validatable<PropsOf<S>[K]>
  }
}

export const noteShapeProps: RecordProps<NoteShape> = tldrawProps(NOTE_PROPS)
export const zoneShapeProps: RecordProps<ZoneShape> = tldrawProps(ZONE_PROPS)

export function isNoteShape(shape: TLShape | undefined | null): shape is NoteShape {
  return shape?.type === NOTE_SHAPE_TYPE
}

export function isZoneShape(shape: TLShape | undefined | null): shape is ZoneShape {
  return shape?.type === ZONE_SHAPE_TYPE
}
