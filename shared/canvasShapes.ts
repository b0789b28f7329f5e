/**
 * The custom tldraw shapes of a situational picture, as records in the board document. The
 * client's ShapeUtils declare the same props with tldraw validators; the server validates them
 * with these zod schemas when it builds snapshots, and writes them when it places imported notes
 * or lays out a template.
 */
import { z } from 'zod'
import type { StoredRecord } from './boardDocument.js'
import { CategoryId } from './categories.js'

export const NOTE_SHAPE_TYPE = 'situation-note'
export const ZONE_SHAPE_TYPE = 'situation-zone'

/**
 * The migration version of each custom shape's props, as tldraw names its sequences. The server
 * writes these into a new board's stored schema; the client's ShapeUtils must be at the same
 * versions (a client test checks), and a new migration bumps the number here too.
 */
export const CUSTOM_SHAPE_SCHEMA_SEQUENCES: Readonly<Record<string, number>> = {
  [`com.tldraw.shape.${'situation-note'}`]: 0,
  [`com.tldraw.shape.${'situation-zone'}`]: 0,
}
export const NOTE_DEFAULT_SIZE = { w: 240, h: 160 } as const
export const NOTE_TEXT_MAX_LENGTH = 5000
export const AUTHOR_MAX_LENGTH = 100

/** Props of a structured note: its category, text, the category's fields, and who made it when. */
export const NoteShapeProps = z.object({
  category: CategoryId,
  text: z.string().max(NOTE_TEXT_MAX_LENGTH),
  fields: z.record(z.string(), z.string()),
  /** Display name of the person who created the note. */
  author: z.string().max(AUTHOR_MAX_LENGTH),
  /** Epoch milliseconds. */
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  w: z.number().positive(),
  h: z.number().positive(),
  /** True once a person picked the category: dropping the note into a zone then keeps it. */
  categoryChosen: z.boolean(),
})
export type NoteShapeProps = z.infer<typeof NoteShapeProps>

export const ZoneKind = z.enum(['category', 'title'])
export type ZoneKind = z.infer<typeof ZoneKind>

/**
 * Props of a zone: a labelled area of the board (a template lays them out locked, so nobody
 * moves or deletes one by accident). A category zone gives dropped notes its category; its label
 * is the category's plural name in the viewer's language unless `heading` overrides it. The title
 * zone shows the board's heading and a subheading (region, date).
 */
export const ZoneShapeProps = z.object({
  kind: ZoneKind,
  category: CategoryId.nullable(),
  heading: z.string().max(200),
  subheading: z.string().max(200),
  w: z.number().positive(),
  h: z.number().positive(),
})
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
