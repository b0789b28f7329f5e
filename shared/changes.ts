/**
 * What changed between two BoardSnapshots: notes added, removed, edited (text or fields), moved to
 * another category, relations added or removed, and votes changed, with the notes' changes grouped
 * by category. Pure; the changes API, the memo's "changes since" section and the history panel use it.
 */
import { z } from 'zod'
import { CATEGORIES, CategoryId } from './categories.js'
import { type BoardSnapshot, SnapshotNote, SnapshotRelation } from './snapshot.js'

const NoteContent = z.object({ text: z.string(), fields: z.record(z.string(), z.string()) })

export const EditedNote = z.object({
  id: z.string(),
  /** The category it has now. */
  category: CategoryId,
  before: NoteContent,
  after: NoteContent,
  /** Field keys whose value differs (added, removed or changed). */
  changedFields: z.array(z.string()),
  textChanged: z.boolean(),
})
export type EditedNote = z.infer<typeof EditedNote>

export const MovedNote = z.object({ id: z.string(), text: z.string(), from: CategoryId, to: CategoryId })
export type MovedNote = z.infer<typeof MovedNote>

export const VoteChange = z.object({
  roundId: z.string(),
  noteId: z.string(),
  before: z.number().int(),
  after: z.number().int(),
})
export type VoteChange = z.infer<typeof VoteChange>

/** The notes of one category that changed: ids into the lists of BoardChanges. */
export const CategoryChanges = z.object({
  category: CategoryId,
  added: z.array(z.string()),
  removed: z.array(z.string()),
  edited: z.array(z.string()),
  /** Moved here from another category. */
  movedIn: z.array(z.string()),
  /** Moved from here to another category. */
  movedOut: z.array(z.string()),
})
export type CategoryChanges = z.infer<typeof CategoryChanges>

export const BoardChanges = z.object({
  added: z.array(SnapshotNote),
  removed: z.array(SnapshotNote),
  edited: z.array(EditedNote),
  moved: z.array(MovedNote),
  /** A relation whose ends or kind changed is removed (as it was) and added (as it is). */
  relationsAdded: z.array(SnapshotRelation),
  relationsRemoved: z.array(SnapshotRelation),
  votesChanged: z.array(VoteChange),
  /** Categories with changed notes, in the registry's order. */
  byCategory: z.array(CategoryChanges),
})
export type BoardChanges = z.infer<typeof BoardChanges>

/** Whether nothing changed at all. */
export function noChanges(changes: BoardChanges): boolean {
  return (
    changes.added.length +
      changes.removed.length +
      changes.edited.length +
      changes.moved.length +
      changes.relationsAdded.length +
      changes.relationsRemoved.length +
      changes.votesChanged.length ===
    0
  )
}

/** Ids of notes now on the board that changed (added, edited or moved): what the canvas highlights. */
export function changedNoteIds(changes: BoardChanges): { added: string[]; edited: string[]; moved: string[] } {
  return {
    added: changes.added.map((note) => note.id),
    edited: changes.edited.map((note) => note.id),
    moved: changes.moved.map((note) => note.id),
  }
}

function changedFieldKeys(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => before[key] !== after[key]).sort()
}

const relationKey = (relation: SnapshotRelation) =>
  JSON.stringify([relation.id, relation.from, relation.to, relation.kind])

/**
 * Vote totals per round and note. A round counts only where its results may be seen; a round a
 * snapshot does not have yet counts as no votes, one whose results are hidden is left out.
 */
function voteTotals(snapshot: BoardSnapshot): { totals: Map<string, number>; hidden: Set<string> } {
  const totals = new Map<string, number>()
  const hidden = new Set<string>()
  for (const round of snapshot.rounds) {
    if (!round.results) {
      hidden.add(round.id)
      continue
    }
    for (const note of round.results.notes) totals.set(JSON.stringify([round.id, note.noteId]), note.total)
  }
  return { totals, hidden }
}

function votesChanged(before: BoardSnapshot, after: BoardSnapshot): VoteChange[] {
  const old = voteTotals(before)
  const now = voteTotals(after)
  const keys = new Set([...old.totals.keys(), ...now.totals.keys()])
  const changes: VoteChange[] = []
  for (const key of keys) {
    const [roundId, noteId] = JSON.parse(key) as [string, string]
    if (old.hidden.has(roundId) || now.hidden.has(roundId)) continue
    const was = old.totals.get(key) ?? 0
    const is = now.totals.get(key) ?? 0
    if (was !== is) changes.push({ roundId, noteId, before: was, after: is })
  }
  return changes.sort((a, b) => a.roundId.localeCompare(b.roundId) || a.noteId.localeCompare(b.noteId))
}

/**
 * The changes that turn `before` into `after`. Notes are matched by id; a note's position or size
 * alone is no change. Lists follow `after`'s note order (`before`'s for removed notes).
 */
export function computeChanges(before: BoardSnapshot, after: BoardSnapshot): BoardChanges {
  const oldNotes = new Map(before.notes.map((note) => [note.id, note]))
  const newIds = new Set(after.notes.map((note) => note.id))
  const added: SnapshotNote[] = []
  const edited: EditedNote[] = []
  const moved: MovedNote[] = []
  for (const note of after.notes) {
    const old = oldNotes.get(note.id)
    if (!old) {
      added.push(note)
      continue
    }
    const changedFields = changedFieldKeys(old.fields, note.fields)
    const textChanged = old.text !== note.text
    if (textChanged || changedFields.length > 0) {
      edited.push({
        id: note.id,
        category: note.category,
        before: { text: old.text, fields: old.fields },
        after: { text: note.text, fields: note.fields },
        changedFields,
        textChanged,
      })
    }
    if (old.category !== note.category)
      moved.push({ id: note.id, text: note.text, from: old.category, to: note.category })
  }
  const removed = before.notes.filter((note) => !newIds.has(note.id))

  const oldRelations = new Set(before.relations.map(relationKey))
  const newRelations = new Set(after.relations.map(relationKey))

  const groups = new Map<CategoryId, CategoryChanges>(
    CATEGORIES.map((category) => [
      category.id,
      { category: category.id, added: [], removed: [], edited: [], movedIn: [], movedOut: [] },
    ]),
  )
  for (const note of added) groups.get(note.category)!.added.push(note.id)
  for (const note of removed) groups.get(note.category)!.removed.push(note.id)
  for (const note of edited) groups.get(note.category)!.edited.push(note.id)
  for (const note of moved) {
    groups.get(note.to)!.movedIn.push(note.id)
    groups.get(note.from)!.movedOut.push(note.id)
  }
  const byCategory = [...groups.values()].filter(
    (group) =>
      group.added.length + group.removed.length + group.edited.length + group.movedIn.length + group.movedOut.length >
      0,
  )

  return {
    added,
    removed,
    edited,
    moved,
    relationsAdded: after.relations.filter((relation) => !oldRelations.has(relationKey(relation))),
    relationsRemoved: before.relations.filter((relation) => !newRelations.has(relationKey(relation))),
    votesChanged: votesChanged(before, after),
    byCategory,
  }
}
