/**
 * The notes table (CSV export and import) in the columns of shared/noteColumns.ts, so what we
 * write can be read back.
 */
import { getCategory } from '../../shared/categories.js'
import { columnForHeader, type ExportContext, NOTE_COLUMNS } from '../../shared/noteColumns.js'
import type { NumberedRow } from '../../shared/noteImport.js'
import type { Problem } from '../../shared/problems.js'
import type { BoardSnapshot } from '../../shared/snapshot.js'
import { CsvError, parseCsv } from './csv.js'

/** The snapshot's notes as table rows, header first, in the board's language. */
export function notesTable(snapshot: BoardSnapshot): string[][] {
  const language = snapshot.board.language
  const zoneLabels = new Map<string, string>()
  for (const note of snapshot.notes) {
    if (note.zone?.category) zoneLabels.set(note.zone.id, getCategory(note.zone.category).pluralLabels[language])
  }
  const context: ExportContext = { language, zoneLabels }
  return [
    NOTE_COLUMNS.map((column) => column.headers[language]),
    ...snapshot.notes.map((note) => NOTE_COLUMNS.map((column) => column.value(note, context))),
  ]
}

/**
 * Turns table rows (header first, as parseCsv gives them) into import rows keyed by column key,
 * each numbered as a spreadsheet numbers it (the header is row 1). Blank rows are skipped.
 * Unknown headers are reported, so a typo in a column name is not silently dropped.
 */
export function rowsFromTable(table: string[][]): { rows: NumberedRow[]; unknownHeaders: string[] } {
  const [header = [], ...body] = table
  const columns = header.map((name) => columnForHeader(name))
  const unknownHeaders = header.filter((name, i) => columns[i] === undefined && name.trim() !== '')
  const rows: NumberedRow[] = []
  body.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return
    const values: Record<string, string> = {}
    columns.forEach((column, j) => {
      if (column?.imported) values[column.key] = cells[j] ?? ''
    })
    rows.push({ row: i + 2, values })
  })
  return { rows, unknownHeaders }
}

export type CsvImport = { ok: true; rows: NumberedRow[] } | { ok: false; message: string; problems: Problem[] }

/** The rows of an uploaded CSV to import, or why the file cannot be read (unclosed quote, unknown columns). */
export function importRowsFromCsv(text: string): CsvImport {
  let table: string[][]
  try {
    table = parseCsv(text)
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const message = `CSV: ${error.message}`
    return {
      ok: false,
      message,
      problems: [{ path: `row ${error.row}`, code: 'csv_unclosed_quote', params: { row: error.row }, message }],
    }
  }
  const { rows, unknownHeaders } = rowsFromTable(table)
  if (unknownHeaders.length === 0) return { ok: true, rows }
  const problems = unknownHeaders.map(
    (column): Problem => ({
      path: 'header',
      code: 'unknown_column',
      params: { column, row: 1 },
      message: `unknown column "${column}"`,
    }),
  )
  return { ok: false, message: 'unknown CSV columns', problems }
}
