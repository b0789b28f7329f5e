/**
 * The columns of the notes table: one definition for what CSV export writes, what CSV import
 * reads back, and how problems name a column. Headers are written in the board's language; on
 * import any language's header, or the column key, is accepted.
 */
import { categoryLabel, FIELD_KEY_DEFINITIONS, type FieldDefinition, getCategory } from './categories.js'
import { fold, type Language, LANGUAGES, type Localized } from './language.js'
import type { SnapshotNote } from './snapshot.js'

export interface ExportContext {
  language: Language
  /** Zone labels by zone id, in the board's language. */
  zoneLabels: ReadonlyMap<string, string>
  /** Votes per note id in the round the table shows; undefined when it shows none. */
  votes?: ReadonlyMap<string, number>
}

export interface NoteColumn {
  key: string
  headers: Localized
  /** False for columns that describe a note on the board rather than input for a new one. */
  imported: boolean
  value: (note: SnapshotNote, context: ExportContext) => string
}

function fieldValue(note: SnapshotNote, field: FieldDefinition, language: Language): string {
  const value = note.fields[field.key] ?? ''
  if (field.kind !== 'choice' || !value) return value
  return field.options.find((option) => option.value === value)?.labels[language] ?? value
}

const FIELD_COLUMNS: NoteColumn[] = FIELD_KEY_DEFINITIONS.map((field) => ({
  key: field.key,
  headers: field.labels,
  imported: true,
  value: (note, { language }) => {
    const own = getCategory(note.category).fields.find((candidate) => candidate.key === field.key)
    return own ? fieldValue(note, own, language) : ''
  },
}))

export const NOTE_COLUMNS: readonly NoteColumn[] = [
  {
    key: 'category',
    headers: { fi: 'Kategoria', sv: 'Kategori', en: 'Category' },
    imported: true,
    value: (note, { language }) => categoryLabel(note.category, language),
  },
  { key: 'text', headers: { fi: 'Teksti', sv: 'Text', en: 'Text' }, imported: true, value: (note) => note.text },
  ...FIELD_COLUMNS,
  {
    key: 'zone',
    headers: { fi: 'Alue', sv: 'Område', en: 'Zone' },
    imported: false,
    value: (note, { zoneLabels }) => (note.zone ? (zoneLabels.get(note.zone.id) ?? '') : ''),
  },
  {
    key: 'author',
    headers: { fi: 'Tekijä', sv: 'Skapad av', en: 'Author' },
    imported: true,
    value: (note) => note.author,
  },
  {
    key: 'createdAt',
    headers: { fi: 'Luotu', sv: 'Skapad', en: 'Created' },
    imported: false,
    value: (note) => note.createdAt ?? '',
  },
  {
    key: 'updatedAt',
    headers: { fi: 'Muokattu', sv: 'Ändrad', en: 'Updated' },
    imported: false,
    value: (note) => note.updatedAt ?? '',
  },
  // The votes of the round the table shows (server/picture/noteTable.ts); empty without one.
  {
    key: 'votes',
    headers: { fi: 'Äänet', sv: 'Röster', en: 'Votes' },
    imported: false,
    value: (note, context) => (context.votes ? String(context.votes.get(note.id) ?? 0) : ''),
  },
  { key: 'id', headers: { fi: 'Tunniste', sv: 'Id', en: 'Id' }, imported: false, value: (note) => note.id },
]

const COLUMN_BY_HEADER = new Map<string, NoteColumn>()
for (const column of NOTE_COLUMNS) {
  COLUMN_BY_HEADER.set(fold(column.key), column)
  for (const language of LANGUAGES) COLUMN_BY_HEADER.set(fold(column.headers[language]), column)
}

/** The column a header names (its key or its header in any language, any case), if any. */
export function columnForHeader(header: string): NoteColumn | undefined {
  return COLUMN_BY_HEADER.get(fold(header))
}

/** A column's (or field's) header in `language`, for naming it to people; the key if unknown. */
export function columnHeader(key: string, language: Language): string {
  return NOTE_COLUMNS.find((column) => column.key === key)?.headers[language] ?? key
}
