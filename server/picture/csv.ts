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
  return BOM + rows.map((row) => row.map(quote).join(CSV_DELIMITER)).join('\r\n') + '\r\n'
}

export class CsvError extends Error {}

/**
 * Parses CSV (RFC 4180 quoting) with ';' or ',' between cells, whichever the header line uses.
 * Strips a BOM, and the apostrophe toCsv puts before formula-like cells.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text
  const firstLine = input.slice(0, input.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
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
    } else if (char === delimiter) endCell()
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++
      endCell()
      rows.push(row)
      row = []
    } else cell += char
  }
  if (quoted) throw new CsvError('a quoted cell is not closed')
  if (cell !== '' || row.length > 0) {
    endCell()
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((value) => value.trim() !== ''))
}
