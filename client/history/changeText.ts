import type { EditedNote } from '../../shared/changes.js'
import { getCategory } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'

/** A note's text on one line, a dash when empty. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim() || '–'

/** "Label: old → new" for each changed field, named and valued as the note's category shows them. */
export function fieldChanges(note: EditedNote, language: Language): string[] {
  const fields = getCategory(note.category).fields
  return note.changedFields.map((key) => {
    const field = fields.find((candidate) => candidate.key === key)
    const shown = (value: string | undefined) => {
      if (!value) return '–'
      const option = field?.kind === 'choice' ? field.options.find((choice) => choice.value === value) : undefined
      return oneLine(option ? option.labels[language] : value)
    }
    return `${field ? field.labels[language] : key}: ${shown(note.before.fields[key])} → ${shown(note.after.fields[key])}`
  })
}
