/** Finding notes in the list view by what they say, their fields or who wrote them. */
import { fold, type Language } from '../../shared/language.js'
import type { SnapshotNote } from '../../shared/snapshot.js'
import { fieldDisplays } from './noteFields.js'

/** The notes matching every word of `query` (case-insensitive); all notes for an empty query. */
export function searchNotes(notes: readonly SnapshotNote[], query: string, language: Language): SnapshotNote[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...notes]
  return notes.filter((note) => {
    const haystack = fold(
      [
        note.text,
        note.author,
        ...Object.values(note.fields),
        ...fieldDisplays(note.category, note.fields, language).map((field) => field.text),
      ].join('\n'),
    )
    return words.every((word) => haystack.includes(word))
  })
}
