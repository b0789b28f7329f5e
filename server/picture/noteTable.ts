/**
 * The columns of the notes table (CSV export and import): one definition, so what we write can
 * be read back. Headers are written in the board's language; any language's header, or the
 * column key, is accepted on import.
 */
import { CATEGORIES, type CategoryId, categoryLabel, type FieldDefinition, getCategory } from '../../shared/categories.js'
import type { Language, Localized } from '../../shared/language.js'
import type { BoardSnapshot, SnapshotNote } from '../../shared/snapshot.js'
import { Language as LanguageSchema } from '../../shared/language.js'

interface Column {
  key: string
  headers: Localized
  value: (note: SnapshotNote, context: ExportContext) => string
}

interface ExportContext {
  language: Language
  zoneLabels: Map<string, string>
}

function fieldValue(note: SnapshotNote, field: FieldDefinition, language: Language): string {
  const value = note.fields[field.key] ?? ''
  if (field.kind !== 'choice' || !value) return value
  return field.options.find((option) => option.value === value)?.labels[language] ?? value
}

/** The first definition of each field key across categories gives its column header. */
const FIELD_COLUMNS: Column[] = []
for (const category of CATEGORIES) {
  for (const field of category.fields) {
    if (FIELD_COLUMNS.some((column) => column.key === field.key)) continue
    FIELD_COLUMNS.push({
      key: field.key,
      headers: field.labels,
      value: (note, { language }) => {
        const own = getCategory(note.category).fields.find((candidate) => candidate.key === field.key)
        return own ? fieldValue(note, own, language) : ''
      },
    })
  }
}

export const NOTE_COLUMNS: readonly Column[] = [
  { key: 'category', headers: { fi: 'Kategoria', sv: 'Kategori', en: 'Category' }, value: (note, { language }) => categoryLabel(note.category, language) },
  { key: 'text', headers: { fi: 'Teksti', sv: 'Text', en: 'Text' }, value: (note) => note.text },
  ...FIELD_COLUMNS,
  { key: 'zone', headers: { fi: 'Alue', sv: 'Område', en: 'Zone' }, value: (note, { zoneLabels }) => (note.zone ? zoneLabels.get(note.zone.id) ?? '' : '') },
  { key: 'author', headers: { fi: 'Tekijä', sv: 'Skapad av', en: 'Author' }, value: (note) => note.author },
  { key: 'createdAt', headers: { fi: 'Luotu', sv: 'Skapad', en: 'Created' }, value: (note) => note.createdAt },
  { key: 'updatedAt', headers: { fi: 'Muokattu', sv: 'Ändrad', en: 'Updated' }, value: (note) => note.updatedAt },
  // Reserved for dot voting; empty until votes exist.
  { key: 'votes', headers: { fi: 'Äänet', sv: 'Röster', en: 'Votes' }, value: () => '' },
  { key: 'id', headers: { fi: 'Tunniste', sv: 'Id', en: 'Id' }, value: (note) => note.id },
]

/** The snapshot's notes as table rows, header first, in the board's language. */
export function notesTable(snapshot: BoardSnapshot): string[][] {
  const language = snapshot.board.language
  const zoneLabels = new Map<string, string>()
  for (const note of snapshot.notes) {
    if (note.zone?.category) zoneLabels.set(note.zone.id, getCategory(note.zone.category as CategoryId).pluralLabels[language])
  }
  const context: ExportContext = { language, zoneLabels }
  return [
    NOTE_COLUMNS.map((column) => column.headers[language]),
    ...snapshot.notes.map((note) => NOTE_COLUMNS.map((column) => column.value(note, context))),
  ]
}

const fold = (value: string) => value.trim().toLocaleLowerCase('fi')
const KEY_BY_HEADER = new Map<string, string>()
for (const column of NOTE_COLUMNS) {
  KEY_BY_HEADER.set(fold(column.key), column.key)
  for (const language of LanguageSchema.options) KEY_BY_HEADER.set(fold(column.headers[language]), column.key)
}

/** Columns that describe a note on the board rather than input for a new one. */
const OUTPUT_ONLY = new Set(['zone', 'createdAt', 'updatedAt', 'votes', 'id'])

/**
 * Turns CSV rows (header first) into import rows keyed by column key. Unknown headers are
 * reported, so a typo in a column name is not silently dropped.
 */
export function rowsFromTable(table: string[][]): { rows: Record<string, string>[]; unknownHeaders: string[] } {
  const [header = [], ...body] = table
  const keys = header.map((name) => KEY_BY_HEADER.get(fold(name)))
  const unknownHeaders = header.filter((name, i) => keys[i] === undefined && name.trim() !== '')
  const rows = body.map((cells) => {
    const row: Record<string, string> = {}
    keys.forEach((key, i) => {
      if (key && !OUTPUT_ONLY.has(key)) row[key] = cells[i] ?? ''
    })
    return row
  })
  return { rows, unknownHeaders }
}
