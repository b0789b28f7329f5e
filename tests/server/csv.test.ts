import { expect, test } from 'vitest'
import { parseCsv, toCsv } from '../../server/picture/csv.js'
import { importRowsFromCsv, rowsFromTable } from '../../server/picture/noteTable.js'

test('CSV round-trips Finnish and Swedish letters, quotes, separators and line breaks', () => {
  const rows = [
    ['Kategoria', 'Teksti'],
    ['Tarve', 'Osaajia; "ICT" ja\nrobotiikka'],
    ['Styrka', 'Åbo – Turku, Vörå'],
    ['Uhka', '=SUM(A1)'],
    ['Toimija', ' välilyönti '],
  ]
  const csv = toCsv(rows)
  expect(csv.startsWith('\uFEFF')).toBe(true)
  expect(csv).toContain('\r\n')
  // Formula-like cells are written as text for spreadsheets…
  expect(csv).toContain("'=SUM(A1)")
  // …and read back as they were.
  expect(parseCsv(csv)).toEqual(rows)
})

test('comma-separated files are read too; blank lines stay as rows, so rows keep their numbers', () => {
  expect(parseCsv('category,text\r\nneed,"a, b"\r\n\r\nstrength,c')).toEqual([
    ['category', 'text'],
    ['need', 'a, b'],
    [''],
    ['strength', 'c'],
  ])
})

test('import rows are numbered as a spreadsheet numbers them, skipping blank ones and output-only columns', () => {
  const { rows, unknownHeaders } = rowsFromTable(
    parseCsv('Kategoria;Teksti;Luotu\r\nTarve;"kaksi\nriviä";x\r\n;\r\nVahvuus;c;y\r\n'),
  )
  expect(unknownHeaders).toEqual([])
  expect(rows).toEqual([
    { row: 2, values: { category: 'Tarve', text: 'kaksi\nriviä' } },
    { row: 4, values: { category: 'Vahvuus', text: 'c' } },
  ])
})

test('an unclosed quote is an error naming the row it starts on', () => {
  expect(() => parseCsv('a;b\n"open;x')).toThrow('not closed')
  const csv = importRowsFromCsv('Kategoria;Teksti\nTarve;ok\nTarve;"auki\n')
  expect(csv).toMatchObject({
    ok: false,
    problems: [{ path: 'row 3', code: 'csv_unclosed_quote', params: { row: 3 } }],
  })
})

test('unknown columns are problems of the header row, named as written', () => {
  expect(importRowsFromCsv('Kategoria;Väri\nTarve;punainen\n')).toMatchObject({
    ok: false,
    problems: [{ path: 'header', code: 'unknown_column', params: { column: 'Väri' } }],
  })
})
