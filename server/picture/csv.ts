/** CSV as spreadsheet programs in Finland read and write it. */

export const CSV_DELIMITER = ';'
const BOM = '\uFEFF'

function quote(value: string): string {
  // A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Writes rows as CSV for Excel in a Finnish locale: UTF-8 with a BOM (so ä, ö and å open right),
 * semicolons between cells (the Finnish list separator), CRLF line ends.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${BOM}${rows.map((row) => row.map(quote).join(CSV_DELIMITER)).join('\r\n')}\r\n`
}

/** A file that is not CSV: a quoted cell starting on spreadsheet row `row` is never closed. */
export class CsvError extends Error {
  constructor(readonly row: number) {
    super(`a quoted cell starting on row ${row} is not closed`)
  }
}

/**
 * Parses CSV (RFC 4180 quoting) with ';' or ',' between cells, whichever the header line uses.
 * Strips a BOM, and the apostrophe toCsv puts before formula-like cells. Blank lines stay, as
 * rows of one empty cell, so that row i is the spreadsheet's row i + 1.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text
  const firstLine = input.slice(0, input.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let quoteRow = 0
  const endCell = () => {
    row.push(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)
    cell = ''
  }
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += char
    } else if (char === '"' && cell === '') {
      quoted = true
      quoteRow = rows.length + 1
    } else if (char === delimiter) endCell()
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++
      endCell()
      rows.push(row)
      row = []
    } else cell += char
  }
  if (quoted) throw new CsvError(quoteRow)
  if (cell !== '' || row.length > 0) {
    endCell()
    rows.push(row)
  }
  return rows
}
