import { randomUUID } from 'node:crypto'
import type { StoredRecord } from '../../shared/boardDocument.js'
import {
  NOTE_DEFAULT_SIZE,
  NOTE_SHAPE_TYPE,
  type NoteShapeProps,
  ShapeRecordBase,
  makeShapeRecord,
  ZONE_SHAPE_TYPE,
  ZoneShapeProps,
} from '../../shared/canvasShapes.js'
import { type CategoryId, UNSORTED } from '../../shared/categories.js'
import type { ImportedNote } from '../../shared/noteImport.js'
import type { Role } from '../../shared/api.js'
import type { Room } from '../rooms/Room.js'
import { mayChangeZones } from '../rooms/updateRules.js'
import { containsPoint, type Rect, rectCenter } from '../../shared/zones.js'
import { GRID_GAP, placeNotes } from './placeNotes.js'

interface ZoneShape {
  record: ShapeRecordBase
  props: ZoneShapeProps
}

function readShapes(room: Room): { shapes: ShapeRecordBase[]; zones: ZoneShape[] } {
  const shapes: ShapeRecordBase[] = []
  const zones: ZoneShape[] = []
  for (const val of room.readRecords()) {
    const shape = ShapeRecordBase.safeParse(val)
    if (!shape.success) continue
    shapes.push(shape.data)
    if (shape.data.type === ZONE_SHAPE_TYPE) {
      const props = ZoneShapeProps.safeParse(shape.data.props)
      if (props.success) zones.push({ record: shape.data, props: props.data })
    }
  }
  return { shapes, zones }
}

const bounds = (shape: ShapeRecordBase): Rect => ({
  x: shape.x,
  y: shape.y,
  w: Number(shape.props.w ?? NOTE_DEFAULT_SIZE.w),
  h: Number(shape.props.h ?? NOTE_DEFAULT_SIZE.h),
})

/** A fractional index above every shape on the page, so imported notes sit on top. */
function indexAbove(shapes: readonly ShapeRecordBase[]): (n: number) => string {
  // biome-ignore lint/complexity/useMathMinMax: indices are strings, compared by code unit
  const highest = shapes.reduce((max, shape) => (shape.index > max ? shape.index : max), 'a1')
  // Appending digits to a fractional index keeps it above the original and in order; a key
  // must not end in '0', hence the final 'V'.
  return (n) => `${highest}${n.toString(36).padStart(4, '0')}V`
}

/**
 * Adds notes to the board for someone of `role`, in one transaction: each in its category's zone
 * (or, with no such zone, in a column to the right of everything), on free cells. For a
 * facilitator a zone that fills up grows, and the zones below it (with their notes) move down to
 * make room; zones are not a participant's to change (updateRules.ts), so for them the notes that
 * do not fit go to that column. The board rules judge the write as they judge that person's own
 * edits (e.g. no author during an anonymous round). Returns the new shape ids in the order of
 * `notes`; the caller refuses a role the rules make read-only.
 */
export function importNotes(room: Room, notes: readonly ImportedNote[], defaultAuthor: string, role: Role): string[] {
  const grow = mayChangeZones(role)
  const { shapes, zones } = readShapes(room)
  const nextIndex = indexAbove(shapes)
  const now = Date.now()
  const occupied = shapes
    .filter((shape) => shape.type !== ZONE_SHAPE_TYPE && shape.parentId.startsWith('page:'))
    .map(bounds)
  const rightEdge = Math.max(0, ...shapes.map((shape) => shape.x + bounds(shape).w))
  const byCategory = new Map<CategoryId, ImportedNote[]>()
  for (const note of notes) byCategory.set(note.category, [...(byCategory.get(note.category) ?? []), note])

  const created: StoredRecord[] = []
  const idOf = new Map<ImportedNote, string>()
  const moved = new Map<string, StoredRecord>()
  let counter = 0
  const column: Rect = { x: rightEdge + 200, y: 0, w: 4 * (NOTE_DEFAULT_SIZE.w + GRID_GAP) + GRID_GAP, h: 0 }
  const place = (note: ImportedNote, position: { x: number; y: number }) => {
    const props: NoteShapeProps = {
      category: note.category,
      text: note.text,
      fields: note.fields,
      author: note.author ?? defaultAuthor,
      createdAt: now,
      updatedAt: now,
      w: NOTE_DEFAULT_SIZE.w,
      h: NOTE_DEFAULT_SIZE.h,
      // An unsorted note takes the category of the zone someone drags it into.
      categoryChosen: note.category !== UNSORTED,
    }
    const record = makeShapeRecord({
      id: `shape:${randomUUID()}`,
      type: NOTE_SHAPE_TYPE,
      ...position,
      index: nextIndex(counter++),
      props,
    })
    created.push(record)
    idOf.set(note, record.id)
    occupied.push({ ...position, ...NOTE_DEFAULT_SIZE })
  }
  const overflow: ImportedNote[] = []
  for (const [category, group] of byCategory) {
    const zone = zones.find((candidate) => candidate.props.kind === 'category' && candidate.props.category === category)
    if (!zone) {
      overflow.push(...group)
      continue
    }
    const area: Rect = { x: zone.record.x, y: zone.record.y, w: zone.props.w, h: zone.props.h }
    const placement = placeNotes(area, occupied, group.length, NOTE_DEFAULT_SIZE)
    // Cells come row by row, so those that fit a zone that may not grow are the first ones.
    const fitting = grow
      ? placement.positions
      : placement.positions.filter((position) => position.y + NOTE_DEFAULT_SIZE.h <= area.y + area.h)
    const placedBefore = created.length
    for (const [i, position] of fitting.entries()) place(group[i]!, position)
    overflow.push(...group.slice(fitting.length))
    if (grow && placement.zoneHeight > zone.props.h) {
      const growth = placement.zoneHeight - zone.props.h
      const oldBottom = zone.record.y + zone.props.h
      // Zones below the grown one, overlapping it horizontally, move down with their contents.
      for (const other of zones) {
        if (other === zone || other.record.y < oldBottom) continue
        if (other.record.x >= zone.record.x + zone.props.w || other.record.x + other.props.w <= zone.record.x) continue
        const area = { x: other.record.x, y: other.record.y, w: other.props.w, h: other.props.h }
        const inside = (shape: ShapeRecordBase) => containsPoint(area, rectCenter(bounds(shape)))
        for (const shape of shapes) {
          if (shape.type !== ZONE_SHAPE_TYPE && shape.parentId.startsWith('page:') && inside(shape)) {
            moved.set(shape.id, { ...shape, y: shape.y + growth })
            // Later groups must see the shape where it now is (the old cell stays skipped).
            occupied.push({ ...bounds(shape), y: shape.y + growth })
          }
        }
        for (const record of created.slice(0, placedBefore)) {
          if (inside(record as ShapeRecordBase)) record.y = (record.y as number) + growth
        }
        other.record = { ...other.record, y: other.record.y + growth }
        moved.set(other.record.id, other.record)
      }
      zone.props = { ...zone.props, h: placement.zoneHeight }
      zone.record = { ...zone.record, props: zone.props }
      moved.set(zone.record.id, zone.record)
    }
  }
  for (const [i, position] of placeNotes(column, occupied, overflow.length, NOTE_DEFAULT_SIZE).positions.entries()) {
    place(overflow[i]!, position)
  }
  room.writeRecordsAsServer([...moved.values(), ...created], role)
  // In the order of the rows, whatever order they were placed in.
  return notes.map((note) => idOf.get(note)!)
}
