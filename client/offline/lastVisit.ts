/**
 * What a person saw of a board when they last had it open on this device, to tell them on
 * their return what changed meanwhile. Kept beside the board's copy on the device (so it goes
 * when the board is forgotten), one entry per note: its id, a hash of what it says (category,
 * text, fields: a move alone is no change, as in shared/changes.ts) and the start of its text, to
 * name it once it is gone.
 */
import { z } from 'zod'
import type { SnapshotNote } from '../../shared/snapshot.js'

/** The start of a removed note's text kept to name it in the summary. */
const PREVIEW_LENGTH = 80

export const LastVisit = z.object({
  version: z.literal(1),
  /** When it was seen (ms since the epoch). */
  at: z.number(),
  notes: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])),
})
export type LastVisit = z.infer<typeof LastVisit>

export interface VisitNote {
  id: string
  category: string
  text: string
}

export interface SinceLastVisit {
  lastVisitAt: number
  added: VisitNote[]
  edited: VisitNote[]
  removed: VisitNote[]
}

/** FNV-1a, 32 bits: enough to tell whether one note's content changed. */
function hash(text: string): string {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193)
  }
  return (value >>> 0).toString(36)
}

function contentHash(note: SnapshotNote): string {
  const fields = Object.entries(note.fields).sort(([a], [b]) => a.localeCompare(b))
  return hash(JSON.stringify([note.category, note.text, fields]))
}

/** What the person sees now, to compare with on their next visit. */
export function visitOf(notes: readonly SnapshotNote[], at: number): LastVisit {
  return {
    version: 1,
    at,
    notes: notes.map((note) => [note.id, contentHash(note), note.category, note.text.slice(0, PREVIEW_LENGTH)]),
  }
}

export function parseLastVisit(stored: unknown): LastVisit | null {
  const parsed = LastVisit.safeParse(stored)
  return parsed.success ? parsed.data : null
}

/** Notes added, edited (text, fields or category) and removed since `last`, in the board's order. */
export function changesSince(last: LastVisit, notes: readonly SnapshotNote[]): SinceLastVisit {
  const before = new Map(last.notes.map(([id, contentHashBefore]) => [id, contentHashBefore]))
  const now = new Set(notes.map((note) => note.id))
  const added: VisitNote[] = []
  const edited: VisitNote[] = []
  for (const note of notes) {
    const was = before.get(note.id)
    const visible = { id: note.id, category: note.category, text: note.text }
    if (was === undefined) added.push(visible)
    else if (was !== contentHash(note)) edited.push(visible)
  }
  const removed = last.notes.filter(([id]) => !now.has(id)).map(([id, , category, text]) => ({ id, category, text }))
  return { lastVisitAt: last.at, added, edited, removed }
}

export function anythingChanged(since: SinceLastVisit): boolean {
  return since.added.length + since.edited.length + since.removed.length > 0
}
