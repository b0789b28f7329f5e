import { describe, expect, it } from 'vitest'
import { hasChosenLanguage, getLanguage, setLanguage } from '../../client/i18n/index.js'
import { exportFileName } from '../../client/picture/download.js'
import { describeImportIssues } from '../../client/picture/importIssues.js'
import { searchNotes } from '../../client/picture/searchNotes.js'
import { normalizeImportRow } from '../../shared/noteImport.js'
import type { SnapshotNote } from '../../shared/snapshot.js'

describe('import problems', () => {
  it('are explained in Finnish, by row, for every reason the shared import rules give', () => {
    const rows: unknown[] = [
      { text: 'ei kategoriaa' },
      { category: 'toive', text: 'x' },
      { category: 'tarve' },
      { category: 'tarve', text: 'x'.repeat(5001) },
      { category: 'tarve', text: 'x', author: 'a'.repeat(101) },
      { category: 'vahvuus', text: 'x', sector: 'business' },
      { category: 'toimija', text: 'x', sector: 'pankki' },
      { category: 'toimija', text: 'x', businessId: '1234567-8', municipalityCode: '17' },
      { category: 'toimija', text: 'x', name: 'n'.repeat(201) },
    ]
    const issues = rows.flatMap((row, i) => {
      const result = normalizeImportRow(row)
      return result.ok ? [] : result.errors.map((message) => ({ path: `row ${i + 1}`, message }))
    })
    const lines = describeImportIssues('some rows are invalid; nothing was imported', issues, 'fi')
    expect(lines).toEqual([
      'Rivi 1: kategoria puuttuu',
      'Rivi 2: tuntematon kategoria ”toive”',
      'Rivi 3: teksti puuttuu',
      'Rivi 4: teksti on yli 5000 merkkiä pitkä',
      'Rivi 5: tekijän nimi on yli 100 merkkiä pitkä',
      'Rivi 6: kenttä ”Sektori” ei kuulu tähän kategoriaan',
      'Rivi 7: kentän ”Sektori” arvo ei kelpaa',
      'Rivi 8: Y-tunnus ei ole kelvollinen',
      'Rivi 8: kuntanumero on kolme numeroa',
      'Rivi 9: kenttä ”Nimi” on liian pitkä',
    ])
  })

  it('explain whole-file problems too, and show an unknown reason as the server gave it', () => {
    expect(describeImportIssues('unknown CSV columns', [{ path: 'header', message: 'unknown column "Väri"' }], 'fi')).toEqual([
      'Otsikkorivi: tuntematon sarake ”Väri”',
    ])
    expect(describeImportIssues('no notes to import', [], 'sv')).toEqual(['filen innehåller inga anteckningar'])
    expect(describeImportIssues('at most 1000 notes in one import', [], 'fi')).toEqual(['kerralla voi tuoda enintään 1000 muistiinpanoa'])
    expect(describeImportIssues('something new', [], 'fi')).toEqual(['something new'])
  })
})

describe('exports', () => {
  it('get file names safe on every system', () => {
    const date = new Date('2025-06-03T10:00:00Z')
    expect(exportFileName('Kainuun työpaja: 2025 / kevät', 'csv', date)).toBe('tilannekuva-kainuun-tyopaja-2025-kevat-2025-06-03.csv')
    expect(exportFileName('!!!', 'json', date)).toBe('tilannekuva-2025-06-03.json')
  })
})

describe('list search', () => {
  const note = (id: string, text: string, fields: Record<string, string>, author: string): SnapshotNote => ({
    id,
    category: 'actor',
    text,
    fields,
    author,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    zone: null,
    position: { x: 0, y: 0 },
    size: { w: 240, h: 160 },
  })
  const notes = [
    note('a', 'Kajaanin ammattikorkeakoulu', { sector: 'education' }, 'Aino'),
    note('b', 'Kainuun Etu', { name: 'Kainuun Etu Oy', sector: 'development_company' }, 'Bertta'),
  ]

  it('finds notes by text, fields (also as shown) and author, every word, any case', () => {
    const ids = (query: string) => searchNotes(notes, query, 'fi').map((found) => found.id)
    expect(ids('')).toEqual(['a', 'b'])
    expect(ids('KAJAANIN')).toEqual(['a'])
    expect(ids('kehittämisyhtiö')).toEqual(['b'])
    expect(ids('bertta')).toEqual(['b'])
    expect(ids('kainuun aino')).toEqual([])
    expect(ids('koulutus aino')).toEqual(['a'])
  })
})

describe('language', () => {
  it('takes a board’s language without remembering it; a person’s choice is remembered', () => {
    expect(hasChosenLanguage()).toBe(false)
    setLanguage('sv', { remember: false })
    expect(getLanguage()).toBe('sv')
    expect(hasChosenLanguage()).toBe(false)
    setLanguage('en')
    expect(getLanguage()).toBe('en')
    expect(hasChosenLanguage()).toBe(true)
  })
})
