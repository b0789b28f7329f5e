import { expect, test } from 'vitest'
import { parseCsv, toCsv } from '../../server/picture/csv.js'

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

test('comma-separated files are read too, and blank lines skipped', () => {
  expect(parseCsv('category,text\r\nneed,"a, b"\r\n\r\nstrength,c')).toEqual([
    ['category', 'text'],
    ['need', 'a, b'],
    ['strength', 'c'],
  ])
})

test('an unclosed quote is an error', () => {
  expect(() => parseCsv('a;b\n"open;x')).toThrow('not closed')
})
