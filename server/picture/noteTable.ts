/**
 * The notes table (CSV export and import) in the columns of shared/noteColumns.ts, so what we
 * write can be read back.
 */
import { getCategory } from '../../shared/categories.js'
import { columnForHeader, type ExportContext, NOTE_COLUMNS } from '../../shared/noteColumns.js'
import type { NumberedRow } from '../../shared/noteImport.js'
import type { Problem } from '../../shared/problems.js'
import { STAKEHOLDER_GROUPS, stakeholderGroupLabel } from '../../shared/facilitation.js'
import { LANGUAGES, type Language } from '../../shared/language.js'
import type { BoardSnapshot } from '../../shared/snapshot.js'
import { latestVisibleRound, type Round } from '../../shared/voting.js'
import { CsvError, parseCsv } from './csv.js'

const VOTES_COLUMN = NOTE_COLUMNS.find((column) => column.key === 'votes')!

/** The header of one stakeholder group's votes, right after the votes column ("Äänet: Kunta"). */
function groupVotesHeader(language: Language, group: string): string {
  return `${VOTES_COLUMN.headers[language]}: ${stakeholderGroupLabel(group, language)}`
}

/** Group vote headers in any language: an exported file's votes are read back as nothing. */
const GROUP_VOTE_HEADERS = new Set(
  LANGUAGES.flatMap((language) => STAKEHOLDER_GROUPS.map((group) => groupVotesHeader(language, group))),
)

/**
 * The round whose votes the table shows: `roundId`'s, else the latest one whose results may be
 * seen; null when there is none (also for an unknown id or hidden results).
 */
export function roundForTable(snapshot: BoardSnapshot, roundId?: string): Round | null {
  if (roundId !== undefined) return snapshot.rounds.find((round) => round.id === roundId && round.results) ?? null
  return latestVisibleRound(snapshot.rounds)
}

/**
 * The snapshot's notes as table rows, header first, in the board's language. With a round whose
 * results are visible, the votes column holds its totals and one column per stakeholder group follows.
 */
export function notesTable(snapshot: BoardSnapshot, round: Round | null = roundForTable(snapshot)): string[][] {
  const language = snapshot.board.language
  const zoneLabels = new Map<string, string>()
  for (const note of snapshot.notes) {
    if (note.zone?.category) zoneLabels.set(note.zone.id, getCategory(note.zone.category).pluralLabels[language])
  }
  const results = round?.results ? new Map(round.results.notes.map((note) => [note.noteId, note])) : null
  const context: ExportContext = {
    language,
    zoneLabels,
    ...(results ? { votes: new Map([...results].map(([id, note]) => [id, note.total])) } : {}),
  }
  const groupHeaders = results ? STAKEHOLDER_GROUPS.map((group) => groupVotesHeader(language, group)) : []
  const groupCells = (noteId: string) =>
    results ? STAKEHOLDER_GROUPS.map((group) => String(results.get(noteId)?.byGroup[group] ?? 0)) : []
  // The groups' columns right after the votes column, so a reader sees the split beside the total.
  const afterVotes = NOTE_COLUMNS.indexOf(VOTES_COLUMN) + 1
  const withGroups = (cells: string[], groups: string[]) => [
    ...cells.slice(0, afterVotes),
    ...groups,
    ...cells.slice(afterVotes),
  ]
  return [
    withGroups(
      NOTE_COLUMNS.map((column) => column.headers[language]),
      groupHeaders,
    ),
    ...snapshot.notes.map((note) =>
      withGroups(
        NOTE_COLUMNS.map((column) => column.value(note, context)),
        groupCells(note.id),
      ),
    ),
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
  const unknownHeaders = header.filter(
    (name, i) => columns[i] === undefined && name.trim() !== '' && !GROUP_VOTE_HEADERS.has(name.trim()),
  )
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
