import PDFDocument from 'pdfkit'
import { FONT_BOLD, FONT_REGULAR, memoFonts, MUTED } from './drawing.js'
import type { MemoInput } from './memoContent.js'
import { MEMO_STRINGS } from './memoStrings.js'
import { drawOverview } from './overview.js'
import { drawReport, drawTitlePage } from './report.js'
import { drawChangesSection } from './changesSection.js'

export type { MemoInput } from './memoContent.js'

/**
 * Renders the workshop memo of a board as a PDF: title page, the board drawn as vectors, then
 * the report. Synchronous CPU work (seconds for thousands of notes): call it from a worker thread.
 * DejaVu Sans is embedded as subsets, so only the letters used travel in the file.
 */
export function renderMemoPdf(input: MemoInput): Promise<Buffer> {
  const { snapshot } = input
  const language = snapshot.board.language
  const strings = MEMO_STRINGS[language]
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    lang: language,
    displayTitle: true,
    info: {
      Title: `${snapshot.board.title} – ${strings.memo}`,
      Creator: 'Tilannekuva',
      CreationDate: new Date(input.exportedAt),
    },
  })
  const fonts = memoFonts()
  doc.registerFont(FONT_REGULAR, fonts.regular)
  doc.registerFont(FONT_BOLD, fonts.bold)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  drawTitlePage(doc, input)
  drawChangesSection(doc, input)
  drawOverview(doc, snapshot, input.paper)
  drawReport(doc, input)

  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Footers sit in the bottom margin; with the margin kept, pdfkit would start a new page.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - 24
    const width = doc.page.width - 60
    doc.font(FONT_REGULAR).fontSize(7).fillColor(MUTED)
    doc.text(snapshot.board.title, 30, y, { width: width * 0.7, lineBreak: false, height: 10, ellipsis: true })
    doc.text(strings.page(i + 1, range.count), 30, y, { width, align: 'right', lineBreak: false })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return done
}
