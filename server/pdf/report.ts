/**
 * The memo's text pages (portrait): the title page, one section per category, the actors by
 * sector with their relations, the action plan as a table, and the unsorted notes last. Text
 * flows from page to page; headings are kept with what follows them.
 */
import { stakeholderGroupLabel } from '../../shared/facilitation.js'
import { ACTOR_SECTORS, CATEGORIES, getCategory } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import type { SnapshotNote } from '../../shared/snapshot.js'
import { getTemplate } from '../../shared/templates.js'
import { drawCategorySymbol, FONT_BOLD, FONT_REGULAR, INK, MUTED, RULE } from './drawing.js'
import {
  actionRows,
  actorsBySector,
  categorySections,
  fieldLines,
  isUnsorted,
  type MemoInput,
  memoZones,
  noteTitle,
  printedAuthor,
  relationLines,
} from './memoContent.js'
import { formatMemoDate, MEMO_STRINGS } from './memoStrings.js'
import { PAGE_SIZES } from './overview.js'

const MARGIN = 56
const BODY = 10

/** A portrait page of the memo's paper (shared with changesSection.ts). */
export function addPortraitPage(doc: PDFKit.PDFDocument, input: MemoInput): void {
  doc.addPage({
    size: PAGE_SIZES[input.paper],
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
  })
}

/** Starts a new page unless `height` more points fit on this one. */
function keepTogether(doc: PDFKit.PDFDocument, input: MemoInput, height: number): void {
  if (doc.y + height > doc.page.maxY()) addPortraitPage(doc, input)
}

export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right

export function heading(doc: PDFKit.PDFDocument, input: MemoInput, text: string, size: number, outline = true): void {
  keepTogether(doc, input, size * 5)
  doc
    .font(FONT_BOLD)
    .fontSize(size)
    .fillColor(INK)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  if (outline) doc.outline.addItem(text)
  doc.moveDown(0.35)
}

/** The title page: title, template, region, dates, counts per category, and who took part when known. */
export function drawTitlePage(doc: PDFKit.PDFDocument, input: MemoInput): void {
  const { snapshot } = input
  const language = snapshot.board.language
  const strings = MEMO_STRINGS[language]
  addPortraitPage(doc, input)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  doc.y = doc.page.height * 0.16
  doc.font(FONT_REGULAR).fontSize(11).fillColor(MUTED).text(strings.memo.toUpperCase(), left, doc.y, { width })
  doc.moveDown(0.4)
  doc.font(FONT_BOLD).fontSize(26).fillColor(INK).text(snapshot.board.title, { width })
  doc.outline.addItem(snapshot.board.title)
  const titleZone = memoZones(snapshot).find((zone) => zone.kind === 'title')
  const region = input.region ?? titleZone?.subheading
  if (region) doc.font(FONT_REGULAR).fontSize(14).fillColor(MUTED).text(region, { width })
  doc.moveDown(0.8)
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1.2)
    .stroke(INK)
  doc.moveDown(0.8)

  const facts: [string, string][] = [
    [strings.template, getTemplate(snapshot.board.template).labels[language]],
    [strings.takenAt, formatMemoDate(new Date(snapshot.takenAt), language, true)],
    [strings.exported, formatMemoDate(new Date(input.exportedAt), language)],
  ]
  if (input.participants !== undefined) facts.push([strings.participants, String(input.participants)])
  if (input.stakeholderGroups !== undefined) facts.push([strings.stakeholderGroups, String(input.stakeholderGroups)])
  for (const [label, value] of facts) {
    const y = doc.y
    doc.font(FONT_REGULAR).fontSize(BODY).fillColor(MUTED).text(label, left, y, { width: 150 })
    doc
      .font(FONT_REGULAR)
      .fontSize(BODY)
      .fillColor(INK)
      .text(value, left + 160, y, { width: width - 160 })
    doc.moveDown(0.35)
  }

  doc.moveDown(1.2)
  doc.font(FONT_BOLD).fontSize(12).fillColor(INK).text(strings.notesByCategory, left, doc.y, { width })
  doc.moveDown(0.4)
  const shown = CATEGORIES.filter((category) => snapshot.counts[category.id] > 0)
  for (const category of shown) {
    const y = doc.y
    drawCategorySymbol(doc, category.id, category.hex, left, y - 0.5, 11)
    doc
      .font(FONT_REGULAR)
      .fontSize(BODY)
      .fillColor(INK)
      .text(category.pluralLabels[language], left + 18, y, { width: 200 })
    doc.text(String(snapshot.counts[category.id]), left + 220, y, { width: 50, align: 'right' })
    doc.moveDown(0.3)
  }
  const y = doc.y + 2
  doc
    .moveTo(left, y)
    .lineTo(left + 270, y)
    .lineWidth(0.5)
    .stroke(RULE)
  doc.y = y + 4
  doc
    .font(FONT_BOLD)
    .fontSize(BODY)
    .fillColor(INK)
    .text(strings.total, left + 18, doc.y, { width: 200 })
  doc.text(String(snapshot.notes.length), left + 220, doc.y - doc.currentLineHeight(true), {
    width: 50,
    align: 'right',
  })
}

function noteEntry(
  doc: PDFKit.PDFDocument,
  input: MemoInput,
  note: SnapshotNote,
  rank: number | null,
  withCategory = false,
): void {
  const language = input.snapshot.board.language
  const strings = MEMO_STRINGS[language]
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const indent = 18
  const title = note.category === 'actor' && note.fields.name ? note.fields.name : null
  const body = note.text.trim()
  doc.font(FONT_REGULAR).fontSize(BODY)
  keepTogether(doc, input, Math.min(doc.heightOfString(body || ' ', { width: width - indent }) + 30, 120))
  const top = doc.y
  const hex = getCategory(note.category).hex
  drawCategorySymbol(doc, note.category, hex, left, top + 1, 9)
  if (rank !== null)
    doc
      .font(FONT_BOLD)
      .fontSize(7)
      .fillColor(MUTED)
      .text(String(rank), left - 16, top + 2, { width: 12, align: 'right' })
  doc.x = left + indent
  doc.y = top
  const paragraph = (font: string, size: number, color: string, text: string) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, { width: width - indent })
  if (withCategory) paragraph(FONT_BOLD, 8, hex, getCategory(note.category).labels[language].toUpperCase())
  if (title) paragraph(FONT_BOLD, BODY, INK, title)
  if (body) paragraph(FONT_REGULAR, BODY, INK, body)

  const meta: string[] = fieldLines(note, language).map((line) => `${line.label}: ${line.value}`)
  const votes = input.votes?.[note.id]
  if (input.votes) {
    const groups = votes?.byGroup ? Object.entries(votes.byGroup).filter(([, count]) => count > 0) : []
    meta.push(
      strings.votes(votes?.total ?? 0) +
        (groups.length > 0
          ? ` (${groups.map(([group, count]) => `${stakeholderGroupLabel(group, language)} ${count}`).join(', ')})`
          : ''),
    )
  }
  const author = printedAuthor(note, input)
  if (author) meta.push(`${strings.author}: ${author}`)
  if (meta.length > 0) paragraph(FONT_REGULAR, 8.5, MUTED, meta.join('  ·  '))
  const relations = relationLines(note, input.snapshot, language)
  for (const relation of relations) {
    const other = noteTitle(relation.other).replace(/\s+/g, ' ')
    const options = { width: width - indent, continued: true }
    doc.font(FONT_REGULAR).fontSize(8.5)
    if (relation.incoming)
      doc
        .fillColor(MUTED)
        .text('← ', options)
        .fillColor(INK)
        .text(other, options)
        .fillColor(MUTED)
        .text(` ${relation.label}`, { width: width - indent })
    else
      doc
        .fillColor(MUTED)
        .text(`→ ${relation.label}: `, options)
        .fillColor(INK)
        .text(other, { width: width - indent })
  }
  doc.x = left
  doc.moveDown(0.6)
}

interface Column {
  header: string
  share: number
}

/** A table whose rows break between pages, never inside a row; the header repeats on each page. */
function drawTable(doc: PDFKit.PDFDocument, input: MemoInput, columns: Column[], rows: string[][]): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const pad = 4
  const widths = columns.map((column) => column.share * width)
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(9)
    return (
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad
    )
  }
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const height = rowHeight(cells, font)
    const top = doc.y
    if (fill) doc.rect(left, top, width, height).fill(fill)
    let x = left
    cells.forEach((cell, i) => {
      doc
        .font(font)
        .fontSize(9)
        .fillColor(INK)
        .text(cell, x + pad, top + pad, { width: widths[i]! - 2 * pad })
      x += widths[i]!
    })
    doc
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .lineWidth(0.5)
      .stroke(RULE)
    doc.x = left
    doc.y = top + height
  }
  const header = columns.map((column) => column.header)
  keepTogether(doc, input, rowHeight(header, FONT_BOLD) + rowHeight(rows[0] ?? header, FONT_REGULAR))
  drawRow(header, FONT_BOLD, '#e8ebf1')
  for (const row of rows) {
    if (doc.y + rowHeight(row, FONT_REGULAR) > doc.page.maxY()) {
      addPortraitPage(doc, input)
      drawRow(header, FONT_BOLD, '#e8ebf1')
    }
    drawRow(row, FONT_REGULAR, null)
  }
  doc.moveDown(0.8)
}

function actionPlan(doc: PDFKit.PDFDocument, input: MemoInput, language: Language): void {
  const strings = MEMO_STRINGS[language]
  heading(doc, input, strings.actionPlan, 15)
  const rows = actionRows(input.snapshot, input.votes)
  if (rows.length === 0) {
    doc.font(FONT_REGULAR).fontSize(BODY).fillColor(MUTED).text(strings.noActions)
    doc.moveDown(0.8)
    return
  }
  drawTable(
    doc,
    input,
    [
      { header: strings.actionGoal, share: 0.3 },
      { header: strings.actionMeasure, share: 0.32 },
      { header: strings.actionOwner, share: 0.22 },
      { header: strings.actionTimeframe, share: 0.16 },
    ],
    rows.map((row) => [row.goals.join('\n'), row.measure, row.owners.join('\n'), row.timeframe]),
  )
}

/** The report pages after the overview. */
export function drawReport(doc: PDFKit.PDFDocument, input: MemoInput): void {
  const { snapshot } = input
  const language = snapshot.board.language
  const strings = MEMO_STRINGS[language]
  addPortraitPage(doc, input)
  heading(doc, input, strings.report, 20)
  doc.moveDown(0.3)
  let actionPlanDrawn = false
  for (const section of categorySections(input)) {
    const category = getCategory(section.category)
    heading(doc, input, `${category.pluralLabels[language]} (${section.notes.length})`, 15)
    const ranked = input.votes !== undefined
    if (section.category === 'actor') {
      for (const group of actorsBySector(section.notes)) {
        const sector = ACTOR_SECTORS.find((option) => option.value === group.sector)
        heading(
          doc,
          input,
          `${sector ? sector.labels[language] : strings.noSector} (${group.actors.length})`,
          11.5,
          false,
        )
        group.actors.forEach((note, i) => {
          noteEntry(doc, input, note, ranked ? i + 1 : null)
        })
      }
    } else {
      if (section.notes.length === 0) doc.font(FONT_REGULAR).fontSize(BODY).fillColor(MUTED).text(strings.noNotes)
      section.notes.forEach((note, i) => {
        noteEntry(doc, input, note, ranked ? i + 1 : null)
      })
    }
    doc.moveDown(0.6)
    if (section.category === 'action') {
      actionPlan(doc, input, language)
      actionPlanDrawn = true
    }
  }
  if (!actionPlanDrawn && snapshot.board.template !== 'swot') actionPlan(doc, input, language)

  const zones = memoZones(snapshot)
  const unsorted = snapshot.notes.filter((note) => isUnsorted(note, zones))
  if (unsorted.length > 0) {
    heading(doc, input, `${strings.unsorted} (${unsorted.length})`, 15)
    doc.font(FONT_REGULAR).fontSize(8.5).fillColor(MUTED).text(strings.unsortedHint)
    doc.moveDown(0.5)
    for (const note of unsorted) noteEntry(doc, input, note, null, true)
  }
}
