/**
 * The custom tldraw shapes of a situational picture, as records in the board document. Their
 * props are declared once as descriptors (shared/propDescriptors.ts): the server validates with
 * the zod schemas derived here when it builds snapshots, the client's ShapeUtils with tldraw
 * validators derived from the same descriptors; the server also writes these props when it places
 * imported notes or lays out a template.
 */
import { z } from 'zod'
import type { StoredRecord } from './boardDocument.js'
import { CATEGORY_IDS, SORTED_CATEGORY_IDS } from './categories.js'
import { type PropDescriptors, prop, zodProps } from './propDescriptors.js'

export const NOTE_SHAPE_TYPE = 'situation-note'
export const ZONE_SHAPE_TYPE = 'situation-zone'

/**
 * The migration version of each custom shape's props, as tldraw names its sequences. The server
 * writes these into a new board's stored schema; the client's ShapeUtils must be at the same
 * versions (a client test checks), and a new migration bumps the number here too.
 */
export const CUSTOM_SHAPE_SCHEMA_SEQUENCES: Readonly<Record<string, number>> = {
  // 1: the 'unsorted' category. Records do not change, but a client at 0 would refuse such
  // notes; seeing 1 in a board's schema tells it to reload instead.
  [`com.tldraw.shape.${'situation-note'}`]: 1,
  [`com.tldraw.shape.${'situation-zone'}`]: 0,
}
export const NOTE_DEFAULT_SIZE = { w: 240, h: 160 } as const
export const NOTE_TEXT_MAX_LENGTH = 5000
export const AUTHOR_MAX_LENGTH = 100

export const ZONE_HEADING_MAX_LENGTH = 200

/** Props of a structured note: its category, text, the category's fields, and who made it when. */
export const NOTE_PROPS = {
  category: prop.enum(CATEGORY_IDS),
  text: prop.string(NOTE_TEXT_MAX_LENGTH),
  /** Values by field key; categoryFieldsSchema checks them against the category. */
  fields: prop.stringDict,
  /** Display name of the person who created the note. */
  author: prop.string(AUTHOR_MAX_LENGTH),
  /** Epoch milliseconds. */
  createdAt: prop.nonNegativeInt,
  updatedAt: prop.nonNegativeInt,
  w: prop.positiveNumber,
  h: prop.positiveNumber,
  /** True once a person picked the category: dropping the note into a zone then keeps it. */
  categoryChosen: prop.boolean,
} as const satisfies PropDescriptors
export const NoteShapeProps = zodProps(NOTE_PROPS)
export type NoteShapeProps = z.infer<typeof NoteShapeProps>

export const ZONE_KINDS = ['category', 'title'] as const
export const ZoneKind = z.enum(ZONE_KINDS)
export type ZoneKind = z.infer<typeof ZoneKind>

/**
 * Props of a zone: a labelled area of the board (a template lays them out locked, so nobody
 * moves or deletes one by accident). A category zone gives dropped notes its category; its label
 * is the category's plural name in the viewer's language unless `heading` overrides it. The title
 * zone shows the board's heading and a subheading (region, date).
 */
export const ZONE_PROPS = {
  kind: prop.enum(ZONE_KINDS),
  // No zone sorts a note into 'unsorted'; leaving it out keeps the zone's schema unchanged.
  category: prop.nullableEnum(SORTED_CATEGORY_IDS),
  heading: prop.string(ZONE_HEADING_MAX_LENGTH),
  subheading: prop.string(ZONE_HEADING_MAX_LENGTH),
  w: prop.positiveNumber,
  h: prop.positiveNumber,
} as const satisfies PropDescriptors
export const ZoneShapeProps = zodProps(ZONE_PROPS)
export type ZoneShapeProps = z.infer<typeof ZoneShapeProps>

/** The common fields of every tldraw shape record. */
export const ShapeRecordBase = z.object({
  id: z.string().startsWith('shape:'),
  typeName: z.literal('shape'),
  type: z.string(),
  x: z.number(),
  y: z.number(),
  rotation: z.number(),
  index: z.string(),
  parentId: z.string(),
  isLocked: z.boolean(),
  opacity: z.number(),
  props: z.record(z.string(), z.unknown()),
  meta: z.record(z.string(), z.unknown()),
})
export type ShapeRecordBase = z.infer<typeof ShapeRecordBase>

export const DEFAULT_PAGE_ID = 'page:page'

/** A shape record in the form tldraw stores it. */
export function makeShapeRecord(options: {
  id: string
  type: string
  x: number
  y: number
  index: string
  props: Record<string, unknown>
  isLocked?: boolean
  parentId?: string
  meta?: Record<string, unknown>
}): StoredRecord {
  return {
    id: options.id,
    typeName: 'shape',
    type: options.type,
    x: options.x,
    y: options.y,
    rotation: 0,
    index: options.index,
    parentId: options.parentId ?? DEFAULT_PAGE_ID,
    isLocked: options.isLocked ?? false,
    opacity: 1,
    props: options.props,
    meta: options.meta ?? {},
  }
}
