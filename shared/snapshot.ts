/**
 * BoardSnapshot: the situational picture of a board as validated data — what the API, CSV and
 * PDF exports read. `buildBoardSnapshot` turns the board document's records into one; a record
 * that does not validate is left out and named in `warnings`, never breaking the snapshot.
 */
import { z } from 'zod'
import { Board } from './api.js'
import {
  CATEGORIES,
  CATEGORY_IDS,
  CategoryId,
  categoryFieldsSchema,
  SORTED_CATEGORY_IDS,
  UNSORTED,
} from './categories.js'
import {
  NOTE_SHAPE_TYPE,
  NoteShapeProps,
  ShapeRecordBase,
  ZONE_SHAPE_TYPE,
  ZoneKind,
  ZoneShapeProps,
} from './canvasShapes.js'
import { defaultRelationKind, RELATION_META_KEY, RelationKind } from './relations.js'
import { isPlainTextShapeType, PlainTextShapeType, readPlainShapeText } from './plainShapes.js'
import { TimerState } from './facilitation.js'
import { noteZones } from './noteZones.js'
import { closedIfEnded, Round, VOTING_STATE_KEY, VotingState } from './voting.js'

/**
 * 2: the 'unsorted' category (in notes and counts) and plain tldraw shapes' text as notes.
 * 3: the board's voting rounds, with the results everyone may see.
 */
export const SNAPSHOT_SCHEMA_VERSION = 3

const Point = z.object({ x: z.number(), y: z.number() })
const Size = z.object({ w: z.number(), h: z.number() })

export const SnapshotNote = z.object({
  id: z.string(),
  category: CategoryId,
  text: z.string(),
  fields: z.record(z.string(), z.string()),
  author: z.string(),
  /** Null for a plain tldraw shape: tldraw keeps no times. */
  createdAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime().nullable(),
  /** The zone the note's centre lies in, or null when it lies outside every zone. */
  zone: z.object({ id: z.string(), category: CategoryId.nullable() }).nullable(),
  /** Page coordinates of the top-left corner. */
  position: Point,
  size: Size,
  /** Only for the text of a plain tldraw shape (category 'unsorted'): that shape's type. */
  plainShape: PlainTextShapeType.optional(),
})
export type SnapshotNote = z.infer<typeof SnapshotNote>

export const SnapshotRelation = z.object({
  /** The arrow's shape id. */
  id: z.string(),
  kind: RelationKind,
  /** True when a person chose the kind; false when it follows from the categories. */
  kindChosen: z.boolean(),
  from: z.string(),
  to: z.string(),
})
export type SnapshotRelation = z.infer<typeof SnapshotRelation>

/** A zone of the board as drawn (the overview of an export draws them); page coordinates. */
export const SnapshotZone = z.object({
  id: z.string(),
  kind: ZoneKind,
  category: CategoryId.nullable(),
  /** The title zone's heading and subheading (region, date); empty for category zones. */
  heading: z.string(),
  subheading: z.string(),
  x: z.number(),
  y: z.number(),
  w: z.number(),
  h: z.number(),
})
export type SnapshotZone = z.infer<typeof SnapshotZone>

export const SnapshotWarning = z.object({ recordId: z.string(), message: z.string() })
export type SnapshotWarning = z.infer<typeof SnapshotWarning>

export const BoardSnapshot = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  board: Board.pick({ id: true, title: true, template: true, language: true }),
  takenAt: z.iso.datetime(),
  notes: z.array(SnapshotNote),
  relations: z.array(SnapshotRelation),
  /** Optional so that snapshots stored before zones were added still parse as version 1. */
  zones: z.array(SnapshotZone).optional(),
  counts: z.record(CategoryId, z.number().int().nonnegative()),
  warnings: z.array(SnapshotWarning),
  /**
   * Every voting round of the board, oldest first (shared/voting.ts), with results as everyone
   * may see them: null for a hidden round before its reveal.
   */
  rounds: z.array(Round),
})
export type BoardSnapshot = z.infer<typeof BoardSnapshot>

/** Version 2, before voting rounds. */
const BoardSnapshotV2 = BoardSnapshot.omit({ rounds: true }).extend({ schemaVersion: z.literal(2) })
/** Version 1, before the unsorted category: its counts have no 'unsorted'. */
const BoardSnapshotV1 = BoardSnapshotV2.extend({
  schemaVersion: z.literal(1),
  counts: z.record(z.enum(SORTED_CATEGORY_IDS), z.number().int().nonnegative()),
})

/**
 * A snapshot kept from any version (a stored or downloaded JSON) as the current version, or
 * null when it is no snapshot. Versions 1 and 2 had no rounds (none). Version 1 counts gain `unsorted: 0`; its notes are kept as they
 * were. Plain shapes' text was never in it: only rebuilding from the board's records adds that,
 * which is what the server does with a stored snapshot of another version.
 */
export function migrateBoardSnapshot(stored: unknown): BoardSnapshot | null {
  const current = BoardSnapshot.safeParse(stored)
  if (current.success) return current.data
  const v2 = BoardSnapshotV2.safeParse(stored)
  if (v2.success) return { ...v2.data, schemaVersion: SNAPSHOT_SCHEMA_VERSION, rounds: [] }
  const v1 = BoardSnapshotV1.safeParse(stored)
  if (!v1.success) return null
  return {
    ...v1.data,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    counts: { ...v1.data.counts, [UNSORTED]: 0 },
    rounds: [],
  }
}

interface ShapeEntry {
  record: ShapeRecordBase
}

const ArrowBindingRecord = z.object({
  id: z.string(),
  typeName: z.literal('binding'),
  type: z.literal('arrow'),
  fromId: z.string(),
  toId: z.string(),
  props: z.object({ terminal: z.enum(['start', 'end']) }).loose(),
})

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ')
}

const CATEGORY_ORDER = new Map(CATEGORIES.map((category, index) => [category.id, index]))

/** Earlier first; a missing time after every known one. */
function compareTimes(a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  return a.localeCompare(b)
}

/**
 * Builds the snapshot of a board from its document records (any iterable of unknown values:
 * records may come from a buggy or hostile client). Pure: same input, same output.
 */
export function buildBoardSnapshot(input: {
  board: z.infer<typeof BoardSnapshot>['board']
  records: Iterable<unknown>
  takenAt: Date
  /** The facilitation map's VOTING_STATE_KEY value, as the document holds it. */
  voting?: unknown
  /** The facilitation map's 'timer' value: a round that ends with the timer ends by it. */
  timer?: unknown
}): BoardSnapshot {
  const warnings: SnapshotWarning[] = []
  const shapes = new Map<string, ShapeEntry>()
  const bindings: z.infer<typeof ArrowBindingRecord>[] = []

  for (const raw of input.records) {
    const typeName = (raw as { typeName?: unknown } | null)?.typeName
    const recordId = String((raw as { id?: unknown } | null)?.id ?? '(no id)')
    if (typeName === 'shape') {
      const parsed = ShapeRecordBase.safeParse(raw)
      if (parsed.success) shapes.set(parsed.data.id, { record: parsed.data })
      else warnings.push({ recordId, message: `invalid shape: ${describe(parsed.error)}` })
    } else if (typeName === 'binding' && (raw as { type?: unknown }).type === 'arrow') {
      const parsed = ArrowBindingRecord.safeParse(raw)
      if (parsed.success) bindings.push(parsed.data)
      else warnings.push({ recordId, message: `invalid arrow binding: ${describe(parsed.error)}` })
    }
  }

  // Page positions and each note's zone: the rule voting rounds use too (shared/noteZones.ts).
  const placed = noteZones([...shapes.values()].map((entry) => entry.record))
  const pagePosition = placed.pagePosition

  const drawnZones: SnapshotZone[] = []
  const notes: SnapshotNote[] = []
  for (const { record } of shapes.values()) {
    if (record.type === ZONE_SHAPE_TYPE) {
      const props = ZoneShapeProps.safeParse(record.props)
      if (!props.success) {
        warnings.push({ recordId: record.id, message: `invalid zone: ${describe(props.error)}` })
        continue
      }
      const { kind, category, heading, subheading, w, h } = props.data
      const position = pagePosition(record)
      drawnZones.push({ id: record.id, kind, category, heading, subheading, ...position, w, h })
    }
  }

  const noteCategories = new Map<string, CategoryId>()
  for (const { record } of shapes.values()) {
    if (record.type !== NOTE_SHAPE_TYPE) continue
    const props = NoteShapeProps.safeParse(record.props)
    if (!props.success) {
      warnings.push({ recordId: record.id, message: `invalid note: ${describe(props.error)}` })
      continue
    }
    const fields = categoryFieldsSchema(props.data.category).safeParse(props.data.fields)
    if (!fields.success) {
      warnings.push({
        recordId: record.id,
        message: `invalid ${props.data.category} fields: ${describe(fields.error)}`,
      })
      continue
    }
    const position = pagePosition(record)
    const zone = placed.zoneOf(record, { w: props.data.w, h: props.data.h })
    const cleanFields = Object.fromEntries(
      Object.entries(fields.data).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
      ),
    )
    noteCategories.set(record.id, props.data.category)
    notes.push({
      id: record.id,
      category: props.data.category,
      text: props.data.text,
      fields: cleanFields,
      author: props.data.author,
      createdAt: new Date(props.data.createdAt).toISOString(),
      updatedAt: new Date(props.data.updatedAt).toISOString(),
      zone: zone ? { id: zone.id, category: zone.category } : null,
      position,
      size: { w: props.data.w, h: props.data.h },
    })
  }

  for (const { record } of shapes.values()) {
    if (!isPlainTextShapeType(record.type)) continue
    const read = readPlainShapeText(record.type, record.props)
    if (!read) continue
    if (!read.ok) {
      warnings.push({ recordId: record.id, message: `invalid ${record.type}: ${describe(read.error)}` })
      continue
    }
    const position = pagePosition(record)
    const zone = placed.zoneOf(record, read.size)
    noteCategories.set(record.id, UNSORTED)
    notes.push({
      id: record.id,
      category: UNSORTED,
      text: read.text,
      fields: {},
      author: '',
      createdAt: null,
      updatedAt: null,
      zone: zone ? { id: zone.id, category: zone.category } : null,
      position,
      size: read.size,
      plainShape: record.type,
    })
  }

  notes.sort(
    (a, b) =>
      CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! ||
      // Structured notes by time; plain shapes (no times) after them, in reading order.
      compareTimes(a.createdAt, b.createdAt) ||
      (a.createdAt === null ? a.position.y - b.position.y || a.position.x - b.position.x : 0) ||
      a.id.localeCompare(b.id),
  )

  const relations: SnapshotRelation[] = []
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const binding of bindings) {
    const entry = ends.get(binding.fromId) ?? {}
    entry[binding.props.terminal] = binding.toId
    ends.set(binding.fromId, entry)
  }
  for (const [arrowId, { start, end }] of ends) {
    const arrow = shapes.get(arrowId)?.record
    if (arrow?.type !== 'arrow' || !start || !end) continue
    const fromCategory = noteCategories.get(start)
    const toCategory = noteCategories.get(end)
    if (!fromCategory || !toCategory || start === end) continue
    const chosen = RelationKind.safeParse(arrow.meta[RELATION_META_KEY])
    relations.push({
      id: arrowId,
      kind: chosen.success ? chosen.data : defaultRelationKind(fromCategory, toCategory),
      kindChosen: chosen.success,
      from: start,
      to: end,
    })
  }
  relations.sort((a, b) => a.id.localeCompare(b.id))
  drawnZones.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))

  const counts = Object.fromEntries(CATEGORY_IDS.map((id) => [id, 0])) as Record<CategoryId, number>
  for (const note of notes) counts[note.category]++

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    board: input.board,
    takenAt: input.takenAt.toISOString(),
    notes,
    relations,
    zones: drawnZones,
    counts,
    warnings,
    rounds: readRounds(input.voting, input.timer, input.takenAt.getTime(), warnings),
  }
}

/**
 * The rounds the server wrote into the document, as they stand at `takenAt` (a round past its end
 * is closed, written or not); a malformed value is a warning, not a failure.
 */
function readRounds(voting: unknown, timer: unknown, takenAt: number, warnings: SnapshotWarning[]): Round[] {
  if (voting === undefined) return []
  const parsed = VotingState.safeParse(voting)
  const readTimer = TimerState.safeParse(timer)
  const timerState: TimerState = readTimer.success ? readTimer.data : { status: 'idle' }
  if (parsed.success) return parsed.data.rounds.map((round) => closedIfEnded(round, timerState, takenAt))
  warnings.push({ recordId: `facilitation:${VOTING_STATE_KEY}`, message: describe(parsed.error) })
  return []
}
