import { describe, expect, it } from 'vitest'
import { hasChosenLanguage, getLanguage, setLanguage } from '../../client/i18n/index.js'
import { exportFileName } from '../../client/ui/download.js'
import { describeImportIssues, describeProblem } from '../../client/ui/importIssues.js'
import { searchNotes } from '../../client/model/searchNotes.js'
import { LANGUAGES } from '../../shared/language.js'
import { checkImportRows, MAX_IMPORT_ROWS } from '../../shared/noteImport.js'
import { PROBLEM_CODES, type Problem } from '../../shared/problems.js'
import type { SnapshotNote } from '../../shared/snapshot.js'

describe('import problems', () => {
  it('are explained in Finnish, by row, for every problem the shared import rules find', () => {
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
    const checked = checkImportRows(rows.map((values, i) => ({ row: i + 2, values })))
    expect(checked.ok).toBe(false)
    const lines = checked.ok ? [] : describeImportIssues(checked.message, checked.problems, 'fi')
    expect(lines).toEqual([
      'Rivi 2: ”Kategoria” puuttuu',
      'Rivi 3: tuntematon kategoria ”toive”',
      'Rivi 4: teksti puuttuu',
      'Rivi 5: ”Teksti” on yli 5000 merkkiä pitkä',
      'Rivi 6: ”Tekijä” on yli 100 merkkiä pitkä',
      'Rivi 7: kenttä ”Sektori” ei kuulu kategoriaan Vahvuus',
      'Rivi 8: kentän ”Sektori” arvo ei kelpaa (vaihtoehdot: Kunta, Koulutus ja tutkimus, Yritys, Kehittämisyhtiö, Valtion viranomainen, Yhdistys, Muu)',
      'Rivi 9: Y-tunnus ei ole kelvollinen',
      'Rivi 9: kuntanumero on kolme numeroa',
      'Rivi 10: ”Nimi” on yli 200 merkkiä pitkä',
    ])
    expect(describeImportIssues('', checked.ok ? [] : checked.problems.slice(0, 1), 'sv')).toEqual([
      'Rad 2: ”Kategori” saknas',
    ])
  })

  it('explain whole-file problems too, and show the server’s message only when it sent no problems', () => {
    const header: Problem = {
      path: 'header',
      code: 'unknown_column',
      params: { column: 'Väri', row: 1 },
      message: 'unknown column "Väri"',
    }
    expect(describeImportIssues('unknown CSV columns', [header], 'fi')).toEqual([
      'Otsikkorivi: tuntematon sarake ”Väri”',
    ])
    const noRows = checkImportRows([])
    expect(noRows.ok ? [] : describeImportIssues(noRows.message, noRows.problems, 'sv')).toEqual([
      'filen innehåller inga anteckningar',
    ])
    const tooMany = checkImportRows(Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ row: i + 2, values: {} })))
    expect(tooMany.ok ? [] : describeImportIssues(tooMany.message, tooMany.problems, 'fi')).toEqual([
      `kerralla voi tuoda enintään ${MAX_IMPORT_ROWS} muistiinpanoa`,
    ])
    expect(describeImportIssues('something new', [], 'fi')).toEqual(['something new'])
  })

  it('have a message for every code in fi, sv and en, with every placeholder filled', () => {
    const params = {
      field: 'sector',
      column: 'Väri',
      value: 'toive',
      category: 'actor',
      allowed: ['business'],
      min: 2,
      max: 9,
      row: 4,
    }
    for (const language of LANGUAGES) {
      const seen = new Set<string>()
      for (const code of PROBLEM_CODES) {
        const text = describeProblem({ code, params }, language)
        expect(text, `${language} ${code}`).not.toMatch(/[{}]|problem\./)
        expect(text.length, `${language} ${code}`).toBeGreaterThan(5)
        seen.add(text)
      }
      // Each code says something of its own.
      expect(seen.size, language).toBe(PROBLEM_CODES.length)
    }
  })
})

describe('exports', () => {
  it('get file names safe on every system', () => {
    const date = new Date('2025-06-03T10:00:00Z')
    expect(exportFileName('Kainuun työpaja: 2025 / kevät', 'csv', date)).toBe(
      'tilannekuva-kainuun-tyopaja-2025-kevat-2025-06-03.csv',
    )
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
