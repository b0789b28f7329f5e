/**
 * What the memo says, worked out from a BoardSnapshot before anything is drawn: the order of the
 * sections, the notes in each, the action plan's rows. Votes, participants, stakeholder groups and
 * anonymous notes are optional inputs: their parts of the memo appear when they are known.
 */
import { ACTOR_SECTORS, CATEGORIES, type CategoryId, getCategory, UNSORTED } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { RELATION_LABELS } from '../../shared/relations.js'
import type { BoardSnapshot, SnapshotNote, SnapshotZone } from '../../shared/snapshot.js'
import { getTemplate } from '../../shared/templates.js'
import { latestVisibleRound } from '../../shared/voting.js'
import type { MemoChanges } from './changesSection.js'

export type Paper = 'a4' | 'a3'

export interface NoteVotes {
  total: number
  /** Votes per stakeholder group, when the round asked for groups. */
  byGroup?: Record<string, number>
}

export interface MemoInput {
  snapshot: BoardSnapshot
  paper: Paper
  includeAuthors: boolean
  exportedAt: string
  /** Region of the board, when known (otherwise the title zone's subheading is shown). */
  region?: string
  participants?: number
  stakeholderGroups?: number
  /** Votes per note id of the latest round, when a round exists. */
  votes?: Record<string, NoteVotes>
  /** Notes written anonymously: their authors are never printed. */
  anonymousNoteIds?: readonly string[]
  /** What changed since a version (the "changes since" section), when asked for. */
  changes?: MemoChanges
}

export interface CategorySection {
  category: CategoryId
  notes: SnapshotNote[]
}

export interface ActionRow {
  goals: string[]
  measure: string
  owners: string[]
  timeframe: string
}

export interface RelationLine {
  /** True when the other note points at this one ("Other → label → this"). */
  incoming: boolean
  label: string
  other: SnapshotNote
}

/**
 * The votes the memo shows: the latest round whose results everyone may see (the snapshot holds
 * no others), with how many took part and from how many stakeholder groups.
 */
export function memoVoting(snapshot: BoardSnapshot): Pick<MemoInput, 'votes' | 'participants' | 'stakeholderGroups'> {
  const results = latestVisibleRound(snapshot.rounds)?.results
  if (!results) return {}
  return {
    votes: Object.fromEntries(results.notes.map((note) => [note.noteId, { total: note.total, byGroup: note.byGroup }])),
    participants: results.voters,
    stakeholderGroups: Object.values(results.votersByGroup).filter((count) => count > 0).length,
  }
}

/** The zones to draw: the snapshot's, or the template's layout for snapshots stored before zones. */
export function memoZones(snapshot: BoardSnapshot): SnapshotZone[] {
  if (snapshot.zones) return snapshot.zones
  return getTemplate(snapshot.board.template).zones.map((zone) => ({
    id: `shape:zone-${zone.key}`,
    kind: zone.kind,
    category: zone.category,
    heading: zone.kind === 'title' ? snapshot.board.title : '',
    subheading: '',
    x: zone.x,
    y: zone.y,
    w: zone.w,
    h: zone.h,
  }))
}

/** A zone's label on the overview: its own heading, else its category's plural name. */
export function zoneLabel(zone: SnapshotZone, language: Language): string {
  if (zone.heading) return zone.heading
  return zone.category ? getCategory(zone.category).pluralLabels[language] : ''
}

/**
 * Notes nobody sorted (the unsorted category, plain shapes' text) and notes outside every zone
 * of a board that has zones: the report lists them last.
 */
export function isUnsorted(note: SnapshotNote, zones: readonly SnapshotZone[]): boolean {
  return note.category === UNSORTED || (note.zone === null && zones.some((zone) => zone.kind === 'category'))
}

/** Ranks by votes when a round exists, else keeps the snapshot's order (creation time). */
export function rankNotes(notes: SnapshotNote[], votes: MemoInput['votes']): SnapshotNote[] {
  if (!votes) return notes
  return notes
    .map((note, index) => ({ note, index, total: votes[note.id]?.total ?? 0 }))
    .sort((a, b) => b.total - a.total || a.index - b.index)
    .map((entry) => entry.note)
}

/** One section per category with notes: the template's zones' order first, then the registry's. */
export function categorySections(input: MemoInput): CategorySection[] {
  const zones = memoZones(input.snapshot)
  const order: CategoryId[] = []
  for (const zone of getTemplate(input.snapshot.board.template).zones) if (zone.category) order.push(zone.category)
  // Unsorted notes get their own section after the others (isUnsorted).
  for (const category of CATEGORIES)
    if (category.id !== UNSORTED && !order.includes(category.id)) order.push(category.id)
  const sorted = input.snapshot.notes.filter((note) => !isUnsorted(note, zones))
  return order
    .map((category) => ({
      category,
      notes: rankNotes(
        sorted.filter((note) => note.category === category),
        input.votes,
      ),
    }))
    .filter((section) => section.notes.length > 0 || input.snapshot.counts[section.category] > 0)
}

/** The note's short name in lists and tables: an actor's name, else its text. */
export function noteTitle(note: SnapshotNote): string {
  return (note.category === 'actor' && note.fields.name) || note.text
}

/** Relations of a note, each in the reading direction ("X can answer: Y"). */
export function relationLines(note: SnapshotNote, snapshot: BoardSnapshot, language: Language): RelationLine[] {
  const byId = new Map(snapshot.notes.map((other) => [other.id, other]))
  const lines: RelationLine[] = []
  for (const relation of snapshot.relations) {
    if (relation.from === note.id) {
      const other = byId.get(relation.to)
      if (other) lines.push({ incoming: false, label: RELATION_LABELS[relation.kind][language], other })
    } else if (relation.to === note.id) {
      const other = byId.get(relation.from)
      if (other) lines.push({ incoming: true, label: RELATION_LABELS[relation.kind][language], other })
    }
  }
  return lines
}

/** Actors grouped by sector in the registry's order; actors without a sector last. */
export function actorsBySector(actors: SnapshotNote[]): { sector: string | null; actors: SnapshotNote[] }[] {
  const groups = ACTOR_SECTORS.map((sector) => ({
    sector: sector.value as string | null,
    actors: actors.filter((actor) => actor.fields.sector === sector.value),
  }))
  groups.push({ sector: null, actors: actors.filter((actor) => !actor.fields.sector) })
  return groups.filter((group) => group.actors.length > 0)
}

/**
 * The action plan as the Optiimi plan reads: goal or need → measure → responsible actor →
 * timeframe. Goals are the needs, intents, weaknesses and threats an action is linked to; owners
 * are the action's owner field and the actors linked to it by "owns".
 */
export function actionRows(snapshot: BoardSnapshot, votes: MemoInput['votes']): ActionRow[] {
  const byId = new Map(snapshot.notes.map((note) => [note.id, note]))
  const actions = rankNotes(
    snapshot.notes.filter((note) => note.category === 'action'),
    votes,
  )
  return actions.map((action) => {
    const goals: string[] = []
    const owners: string[] = action.fields.owner ? [action.fields.owner] : []
    for (const relation of snapshot.relations) {
      const otherId = relation.from === action.id ? relation.to : relation.to === action.id ? relation.from : null
      const other = otherId ? byId.get(otherId) : undefined
      if (!other) continue
      if (other.category === 'actor' && (relation.kind === 'owns' || relation.from === other.id)) {
        const name = noteTitle(other)
        if (!owners.includes(name)) owners.push(name)
      } else if (other.category !== 'actor' && other.category !== 'action') {
        goals.push(other.text)
      }
    }
    return { goals, measure: action.text, owners, timeframe: action.fields.timeframe ?? '' }
  })
}

/** The label of a field's value: a choice's label in the language, any other value as written. */
export function fieldLines(note: SnapshotNote, language: Language): { label: string; value: string }[] {
  const lines: { label: string; value: string }[] = []
  for (const field of getCategory(note.category).fields) {
    const value = note.fields[field.key]
    if (!value || (note.category === 'actor' && field.key === 'name')) continue
    const shown =
      field.kind === 'choice'
        ? (field.options.find((option) => option.value === value)?.labels[language] ?? value)
        : value
    lines.push({ label: field.labels[language], value: shown })
  }
  return lines
}

/** The author to print for a note, or null: only when asked for, never for anonymous notes. */
export function printedAuthor(note: SnapshotNote, input: MemoInput): string | null {
  if (!input.includeAuthors || !note.author.trim()) return null
  if (input.anonymousNoteIds?.includes(note.id)) return null
  return note.author
}
