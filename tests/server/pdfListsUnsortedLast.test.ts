import { extractText, getDocumentProxy } from 'unpdf'
import { expect, test } from 'vitest'
import { categorySections, isUnsorted, memoZones } from '../../server/pdf/memoContent.js'
import { MEMO_STRINGS } from '../../server/pdf/memoStrings.js'
import { renderMemoPdf } from '../../server/pdf/renderMemo.js'
import { makeShapeRecord } from '../../shared/canvasShapes.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { boardRecords } from './pdfFixture.js'

const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

/** A tilannekuva board: a sorted need, an unsorted note inside the needs zone, a text and a named frame. */
function snapshot() {
  const records = boardRecords({
    title: 'Kainuun työpaja',
    template: 'tilannekuva',
    language: 'fi',
    notes: [
      { id: 'shape:need', category: 'need', text: 'Osaajapula', x: 1100, y: 310 },
      { id: 'shape:mine', category: 'unsorted', text: 'Vielä lajittelematon ajatus', x: 1400, y: 310 },
    ],
  })
  records.push(
    makeShapeRecord({
      id: 'shape:text',
      type: 'text',
      x: 40,
      y: 320,
      index: 'c1',
      props: { richText: richText('Tekstityökalulla kirjoitettu'), w: 300, scale: 1, size: 'm' },
    }),
    makeShapeRecord({
      id: 'shape:frame',
      type: 'frame',
      x: 2400,
      y: 300,
      index: 'c2',
      props: { name: 'Ryhmä Kajaani', w: 600, h: 400 },
    }),
  )
  return buildBoardSnapshot({
    board: { id: 'b-pdf-unsorted', title: 'Kainuun työpaja', template: 'tilannekuva', language: 'fi' },
    records,
    takenAt: new Date('2026-12-01T12:00:00Z'),
  })
}

test('unsorted notes and plain shapes’ text are one section after the categories, never in one of them', async () => {
  const input = {
    snapshot: snapshot(),
    paper: 'a4' as const,
    includeAuthors: false,
    exportedAt: '2026-12-01T15:00:00Z',
  }
  const zones = memoZones(input.snapshot)
  // Inside the needs zone, an unsorted note is still unsorted.
  expect(input.snapshot.notes.find((note) => note.id === 'shape:mine')!.zone?.category).toBe('need')
  expect(input.snapshot.notes.filter((note) => isUnsorted(note, zones)).map((note) => note.id)).toEqual([
    'shape:mine',
    // Plain shapes in reading order: the frame is a little higher up.
    'shape:frame',
    'shape:text',
  ])
  expect(categorySections(input).map((section) => section.category)).toEqual(['need'])

  const proxy = await getDocumentProxy(new Uint8Array(await renderMemoPdf(input)))
  const { text } = await extractText(proxy, { mergePages: false })
  const report = text.slice(2).join('\n')
  const unsortedAt = report.lastIndexOf(`${MEMO_STRINGS.fi.unsorted} (3)`)
  expect(unsortedAt).toBeGreaterThan(report.indexOf('Osaajapula'))
  for (const written of ['Vielä lajittelematon ajatus', 'Tekstityökalulla kirjoitettu', 'Ryhmä Kajaani']) {
    expect(report.indexOf(written), written).toBeGreaterThan(unsortedAt)
    expect(report.indexOf(written), written).toBe(report.lastIndexOf(written))
  }
  // The title page counts them with the categories.
  expect(text[0]).toMatch(/Lajittelemattomat\s*3/)
})
