import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { extractText, getDocumentProxy } from 'unpdf'
import { expect, test } from 'vitest'
import { getCategory } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { cardFill } from '../../server/pdf/drawing.js'
import { MEMO_STRINGS } from '../../server/pdf/memoStrings.js'
import { overviewView } from '../../server/pdf/overview.js'
import { type MemoInput, renderMemoPdf } from '../../server/pdf/renderMemo.js'
import { boardSnapshot, type FixtureNote } from './pdfFixture.js'

const SAMI = 'Sámediggi: čeahppi giella, đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž'
const SWEDISH = 'Åbo Akademi och Vörå: ÅÄÖ åäö'
const NOTES: FixtureNote[] = [
  { id: 'shape:s1', category: 'strength', text: SAMI, x: 20, y: 310, author: 'Ánde Ánte' },
  { id: 'shape:s2', category: 'strength', text: SWEDISH, x: 280, y: 310, author: 'Greta Öst' },
  {
    id: 'shape:n1',
    category: 'need',
    text: 'Osaajapula ICT-alalla',
    x: 1100,
    y: 310,
    fields: { kind: 'competence' },
    author: 'Pekka Virtanen',
  },
  {
    id: 'shape:a1',
    category: 'actor',
    text: 'Yliopisto Rovaniemellä',
    x: 20,
    y: 1150,
    fields: { name: 'Lapin yliopisto', sector: 'education', businessId: '0201256-6' },
  },
  {
    id: 'shape:w1',
    category: 'action',
    text: 'Yhteinen rekrytointikampanja',
    x: 1100,
    y: 1150,
    fields: { owner: 'Lapin liitto', timeframe: 'syksy 2026' },
  },
  {
    id: 'shape:w2',
    category: 'action',
    text: 'Harjoittelupaikat opiskelijoille',
    x: 1360,
    y: 1150,
    fields: { timeframe: '2027' },
  },
  { id: 'shape:loose', category: 'need', text: 'Irrallinen lappu alueiden ulkopuolella', x: 2600, y: 600 },
]
const RELATIONS: [string, string][] = [
  ['shape:a1', 'shape:n1'],
  ['shape:w1', 'shape:n1'],
  ['shape:a1', 'shape:w2'],
]

function memoInput(language: Language, overrides: Partial<MemoInput> = {}): MemoInput {
  const snapshot = boardSnapshot({
    title: 'Lapin työpaja',
    template: 'tilannekuva',
    language,
    region: 'Lappi',
    notes: NOTES,
    relations: RELATIONS,
  })
  return { snapshot, paper: 'a4', includeAuthors: false, exportedAt: '2026-06-03T15:00:00Z', ...overrides }
}

async function readPdf(pdf: Buffer): Promise<{ pages: string[]; all: string }> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf))
  const { text } = await extractText(proxy, { mergePages: false })
  return { pages: text, all: text.join('\n') }
}

const squash = (text: string) => text.replace(/\s+/g, '')

test('the memo has a title page, the overview and the report, with every note whole and exact letters', async () => {
  const pdf = await renderMemoPdf(memoInput('fi'))
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  const { pages, all } = await readPdf(pdf)
  // Title page, one overview page (the board fits), one report page.
  expect(pages.length).toBe(3)
  expect(pages[0]).toContain('Lapin työpaja')
  expect(pages[0]).toContain('Lappi')
  expect(pages[1]).toContain(MEMO_STRINGS.fi.overview)
  for (const note of NOTES) expect(squash(all)).toContain(squash(note.text))
  // Sámi and Swedish letters come back as the same characters, not look-alikes.
  expect(all).toContain(SAMI)
  expect(all).toContain(SWEDISH)
  expect(all).toContain('Koulutus ja tutkimus')
  // Notes outside every zone are listed last.
  const report = pages.slice(2).join('\n')
  expect(report.lastIndexOf(MEMO_STRINGS.fi.unsorted)).toBeGreaterThan(report.indexOf(MEMO_STRINGS.fi.actionPlan))
  expect(report.indexOf('Irrallinen')).toBeGreaterThan(report.lastIndexOf(MEMO_STRINGS.fi.unsorted))
})

test.each(['fi', 'sv', 'en'] as const)('headings are in the board language (%s)', async (language) => {
  const { all } = await readPdf(await renderMemoPdf(memoInput(language)))
  const strings = MEMO_STRINGS[language]
  for (const heading of [
    strings.memo.toUpperCase(),
    strings.overview,
    strings.report,
    strings.actionPlan,
    strings.notesByCategory,
  ]) {
    expect(all).toContain(heading)
  }
  expect(all).toContain(getCategory('strength').pluralLabels[language])
  expect(all).toContain(getCategory('need').fields[0]!.labels[language])
})

test('authors appear only when asked for, and never for anonymous notes', async () => {
  const without = (await readPdf(await renderMemoPdf(memoInput('fi')))).all
  for (const name of ['Ánde Ánte', 'Greta Öst', 'Pekka Virtanen']) expect(without).not.toContain(name)
  const withAuthors = (
    await readPdf(await renderMemoPdf(memoInput('fi', { includeAuthors: true, anonymousNoteIds: ['shape:s2'] })))
  ).all
  expect(withAuthors).toContain('Ánde Ánte')
  expect(withAuthors).toContain('Pekka Virtanen')
  expect(withAuthors).not.toContain('Greta Öst')
})

test('the action plan has a row per action: goal, measure, owner, timeframe', async () => {
  const { pages } = await readPdf(await renderMemoPdf(memoInput('en')))
  const report = pages.slice(2).join('\n')
  const table = report.slice(report.indexOf(MEMO_STRINGS.en.actionPlan))
  const lines = table.split('\n')
  const row = (measure: string) => lines.find((line) => line.includes(measure)) ?? ''
  expect(row('Yhteinen rekrytointikampanja')).toContain('Osaajapula ICT-alalla')
  expect(row('Yhteinen rekrytointikampanja')).toContain('Lapin liitto')
  expect(row('Yhteinen rekrytointikampanja')).toContain('syksy 2026')
  // The actor that owns the measure through an arrow is its responsible actor.
  expect(row('Harjoittelupaikat')).toContain('Lapin yliopisto')
  expect(row('Harjoittelupaikat')).toContain('2027')
})

test('votes rank the notes when a round exists', async () => {
  const plain = (await readPdf(await renderMemoPdf(memoInput('en')))).all
  expect(plain).not.toContain('votes')
  const voted = (
    await readPdf(
      await renderMemoPdf(
        memoInput('en', {
          votes: { 'shape:s2': { total: 5, byGroup: { Companies: 3, Schools: 2 } }, 'shape:s1': { total: 1 } },
        }),
      ),
    )
  ).all
  expect(voted.indexOf(SWEDISH)).toBeLessThan(voted.indexOf(SAMI, voted.indexOf(MEMO_STRINGS.en.report)))
  expect(voted).toContain('5 votes (Companies 3, Schools 2)')
})

function pixel(png: { width: number; data: Buffer }, x: number, y: number): [number, number, number] {
  const offset = (Math.round(y) * png.width + Math.round(x)) * 3
  return [png.data[offset]!, png.data[offset + 1]!, png.data[offset + 2]!]
}

/** Renders one page with poppler at 50 dpi as a binary PPM (simple to read without a PNG decoder). */
function renderPage(pdf: Buffer, page: number): { width: number; height: number; data: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-pdf-'))
  fs.writeFileSync(path.join(dir, 'memo.pdf'), pdf)
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    path.join(dir, 'memo.pdf'),
    path.join(dir, 'page'),
  ])
  const ppm = fs.readFileSync(path.join(dir, 'page.ppm'))
  fs.rmSync(dir, { recursive: true, force: true })
  const header = ppm
    .subarray(0, 40)
    .toString('latin1')
    .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)
  if (!header) throw new Error('not a PPM')
  return { width: Number(header[1]), height: Number(header[2]), data: ppm.subarray(header[0].length) }
}

test('the overview draws each note card in its colour where the board has it', async () => {
  const input = memoInput('fi')
  const pdf = await renderMemoPdf(input)
  const png = renderPage(pdf, 2)
  const pixels = png.width * png.height
  let inked = 0
  for (let i = 0; i < pixels; i++) if (png.data[i * 3]! < 200) inked++
  expect(inked / pixels).toBeGreaterThan(0.01)

  const view = overviewView(input.snapshot, 'a4')!
  const toPixel = 50 / 72
  for (const note of input.snapshot.notes) {
    // The card's lower right part: below its text, inside its border.
    const x = (view.left + (note.position.x + note.size.w * 0.8 - view.region.x) * view.scale) * toPixel
    const y = (view.top + (note.position.y + note.size.h * 0.85 - view.region.y) * view.scale) * toPixel
    const expected = cardFill(getCategory(note.category).hex)
    const want = [1, 3, 5].map((i) => Number.parseInt(expected.slice(i, i + 2), 16))
    const got = pixel(png, x, y)
    for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - want[c]!), `${note.id} channel ${c}`).toBeLessThan(14)
  }
})
