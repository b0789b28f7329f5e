/**
 * The overview: the board itself drawn as vectors (zones, notes as coloured cards with their
 * symbol and text, relations as labelled arrows), scaled to fit a landscape page. A board too big
 * to read on one page gets the whole board as a map first, then detail pages that tile it.
 */
import { getCategory } from '../../shared/categories.js'
import { RELATION_LABELS } from '../../shared/relations.js'
import type { BoardSnapshot, SnapshotNote, SnapshotZone } from '../../shared/snapshot.js'
import { cardFill, drawCategorySymbol, FONT_BOLD, FONT_REGULAR, INK, MUTED, RULE, ZONE_FILL } from './drawing.js'
import { memoZones, type Paper, zoneLabel } from './memoContent.js'
import { MEMO_STRINGS } from './memoStrings.js'

export const PAGE_SIZES: Record<Paper, string> = { a4: 'A4', a3: 'A3' }
/** Landscape page size in points. */
const LANDSCAPE: Record<Paper, { width: number; height: number }> = {
  a4: { width: 841.89, height: 595.28 },
  a3: { width: 1190.55, height: 841.89 },
}
const MARGIN = 30
const HEADER = 34
/** Below this scale card text is too small to read: the board is tiled at DETAIL_SCALE instead. */
const MIN_READABLE_SCALE = 0.16
const DETAIL_SCALE = 0.3
/** Card text below this size is left out (the card stays, as a coloured mark). */
const MIN_TEXT_SIZE = 2.2

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface View {
  /** The part of the board shown, in board units. */
  region: Rect
  scale: number
  /** Where the region's top-left lands on the page. */
  left: number
  top: number
}

/** The smallest rectangle holding every zone and note; null for an empty board. */
export function boardBounds(notes: readonly SnapshotNote[], zones: readonly SnapshotZone[]): Rect | null {
  const rects: Rect[] = [
    ...zones.map((zone) => ({ x: zone.x, y: zone.y, w: zone.w, h: zone.h })),
    ...notes.map((note) => ({ ...note.position, ...note.size })),
  ]
  if (rects.length === 0) return null
  const x = Math.min(...rects.map((r) => r.x))
  const y = Math.min(...rects.map((r) => r.y))
  const right = Math.max(...rects.map((r) => r.x + r.w))
  const bottom = Math.max(...rects.map((r) => r.y + r.h))
  return { x, y, w: right - x, h: bottom - y }
}

const intersects = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** Where a line from a rectangle's centre towards (tx, ty) leaves the rectangle. */
function edgePoint(rect: Rect, tx: number, ty: number): [number, number] {
  const cx = rect.x + rect.w / 2
  const cy = rect.y + rect.h / 2
  const dx = tx - cx
  const dy = ty - cy
  if (dx === 0 && dy === 0) return [cx, cy]
  const t = Math.min(dx === 0 ? Infinity : rect.w / 2 / Math.abs(dx), dy === 0 ? Infinity : rect.h / 2 / Math.abs(dy))
  return [cx + dx * t, cy + dy * t]
}

function drawView(doc: PDFKit.PDFDocument, snapshot: BoardSnapshot, zones: SnapshotZone[], view: View): void {
  const language = snapshot.board.language
  const { region, scale } = view
  const px = (x: number) => view.left + (x - region.x) * scale
  const py = (y: number) => view.top + (y - region.y) * scale
  /** Where a rectangle of the board lands on the page, in points. */
  const onPage = (rect: Rect): Rect => ({ x: px(rect.x), y: py(rect.y), w: rect.w * scale, h: rect.h * scale })
  doc.save()
  doc.rect(view.left, view.top, region.w * scale, region.h * scale).clip()

  for (const zone of zones) {
    if (!intersects(zone, region)) continue
    const { x, y, w, h } = onPage(zone)
    const label = zoneLabel(zone, language)
    if (zone.kind === 'title') {
      doc
        .roundedRect(x, y, w, h, 6 * scale)
        .lineWidth(0.6)
        .stroke(RULE)
      const size = Math.min(64 * scale, 28)
      doc
        .font(FONT_BOLD)
        .fontSize(size)
        .fillColor(INK)
        .text(label, x + 24 * scale, y + 30 * scale, {
          width: w - 48 * scale,
          height: size * 1.3,
          ellipsis: true,
          lineBreak: false,
        })
      if (zone.subheading) {
        doc
          .font(FONT_REGULAR)
          .fontSize(size * 0.5)
          .fillColor(MUTED)
          .text(zone.subheading, x + 24 * scale, y + 30 * scale + size * 1.4, {
            width: w - 48 * scale,
            lineBreak: false,
            height: size,
            ellipsis: true,
          })
      }
      continue
    }
    const hex = zone.category ? getCategory(zone.category).hex : RULE
    doc.roundedRect(x, y, w, h, 8 * scale).fill(ZONE_FILL)
    doc
      .roundedRect(x, y, w, h, 8 * scale)
      .lineWidth(Math.max(0.4, 3 * scale))
      .stroke(hex)
    const size = Math.max(3, Math.min(36 * scale, 20))
    if (zone.category) drawCategorySymbol(doc, zone.category, hex, x + 20 * scale, y + 22 * scale, size * 1.1)
    doc
      .font(FONT_BOLD)
      .fontSize(size)
      .fillColor(INK)
      .text(label, x + 20 * scale + size * 1.5, y + 22 * scale, {
        width: Math.max(1, w - 40 * scale - size * 1.5),
        height: size * 1.3,
        ellipsis: true,
        lineBreak: false,
      })
  }

  const notes = new Map(snapshot.notes.map((note) => [note.id, note]))
  const rectOf = (note: SnapshotNote): Rect => ({ ...note.position, ...note.size })
  const arrows: { from: [number, number]; to: [number, number]; label: string }[] = []
  for (const relation of snapshot.relations) {
    const from = notes.get(relation.from)
    const to = notes.get(relation.to)
    if (!from || !to) continue
    const a = rectOf(from)
    const b = rectOf(to)
    const span = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      w: Math.max(a.x + a.w, b.x + b.w) - Math.min(a.x, b.x),
      h: Math.max(a.y + a.h, b.y + b.h) - Math.min(a.y, b.y),
    }
    if (!intersects(span, region)) continue
    const start = edgePoint(a, b.x + b.w / 2, b.y + b.h / 2)
    const end = edgePoint(b, a.x + a.w / 2, a.y + a.h / 2)
    arrows.push({
      from: [px(start[0]), py(start[1])],
      to: [px(end[0]), py(end[1])],
      label: RELATION_LABELS[relation.kind][language],
    })
  }

  const textSize = Math.min(9, 18 * scale)
  // A named frame is an area around other things, not a card: drawn under the cards, as an outline.
  const frames = snapshot.notes.filter((note) => note.plainShape === 'frame')
  for (const frame of frames) {
    const rect = rectOf(frame)
    if (intersects(rect, region)) drawFrame(doc, frame, onPage(rect), textSize)
  }
  for (const note of snapshot.notes) {
    const rect = rectOf(note)
    if (note.plainShape === 'frame' || !intersects(rect, region)) continue
    // A text on the board is text there too: a card one line high would have no room for it.
    if (note.plainShape === 'text') drawText(doc, note, onPage(rect), textSize)
    else drawCard(doc, note, onPage(rect), textSize)
  }

  // Arrows over the cards, so a relation between overlapping cards still shows.
  const head = Math.max(2, 10 * scale)
  const labelSize = Math.max(2.5, Math.min(6, 14 * scale))
  for (const arrow of arrows) {
    const [x1, y1] = arrow.from
    const [x2, y2] = arrow.to
    const angle = Math.atan2(y2 - y1, x2 - x1)
    doc
      .moveTo(x1, y1)
      .lineTo(x2, y2)
      .lineWidth(Math.max(0.4, 2 * scale))
      .stroke(INK)
    doc
      .polygon(
        [x2, y2],
        [x2 - head * Math.cos(angle - 0.45), y2 - head * Math.sin(angle - 0.45)],
        [x2 - head * Math.cos(angle + 0.45), y2 - head * Math.sin(angle + 0.45)],
      )
      .fill(INK)
    if (labelSize >= MIN_TEXT_SIZE) {
      doc.font(FONT_REGULAR).fontSize(labelSize)
      const width = doc.widthOfString(arrow.label)
      const mx = (x1 + x2) / 2 - width / 2
      const my = (y1 + y2) / 2 - labelSize * 0.6
      doc.rect(mx - 1.5, my - 0.8, width + 3, labelSize * 1.3).fill('#ffffff')
      doc.fillColor(INK).text(arrow.label, mx, my, { lineBreak: false })
    }
  }
  doc.restore()
}

/** A named frame as an outline with its name above it, at its rectangle on the page. */
function drawFrame(doc: PDFKit.PDFDocument, frame: SnapshotNote, { x, y, w, h }: Rect, textSize: number): void {
  // Inset by half the line, so an outline at the edge of the drawn area is not cut in half.
  const line = Math.max(0.3, textSize * 0.08)
  doc
    .rect(x + line / 2, y + line / 2, Math.max(0, w - line), Math.max(0, h - line))
    .lineWidth(line)
    .stroke(MUTED)
  if (textSize < MIN_TEXT_SIZE) return
  // The name sits just above the frame, as tldraw shows it.
  doc
    .font(FONT_REGULAR)
    .fontSize(textSize)
    .fillColor(MUTED)
    .text(frame.text, x, y - textSize * 1.3, {
      width: Math.max(1, w),
      height: textSize * 1.3,
      ellipsis: '…',
      lineBreak: false,
    })
}

function drawText(doc: PDFKit.PDFDocument, note: SnapshotNote, { x, y, w }: Rect, textSize: number): void {
  if (textSize < MIN_TEXT_SIZE) return
  doc
    .font(FONT_REGULAR)
    .fontSize(textSize)
    .fillColor(INK)
    .text(note.text, x, y, { width: Math.max(1, w), height: textSize * 4, ellipsis: '…' })
}

function drawCard(doc: PDFKit.PDFDocument, note: SnapshotNote, { x, y, w, h }: Rect, textSize: number): void {
  const category = getCategory(note.category)
  const radius = Math.min(w, h) * 0.06
  doc.roundedRect(x, y, w, h, radius).fill(cardFill(category.hex))
  doc
    .roundedRect(x, y, w, h, radius)
    .lineWidth(Math.max(0.3, Math.min(w, h) * 0.02))
    .stroke(category.hex)
  const pad = Math.max(1, w * 0.05)
  const symbol = Math.min(textSize * 1.3, h * 0.3)
  drawCategorySymbol(doc, note.category, category.hex, x + pad, y + pad, symbol)
  if (textSize < MIN_TEXT_SIZE) return
  const text = (note.category === 'actor' && note.fields.name ? `${note.fields.name}\n${note.text}` : note.text).trim()
  if (!text) return
  const top = y + pad + symbol + textSize * 0.2
  const height = y + h - pad - top
  if (height < textSize) return
  // Wraps by words inside the card; what does not fit ends in "…" (the report has it whole).
  doc
    .font(FONT_REGULAR)
    .fontSize(textSize)
    .fillColor(INK)
    .text(text, x + pad, top, { width: w - 2 * pad, height, ellipsis: '…', lineGap: -textSize * 0.05 })
}

function pageHeader(doc: PDFKit.PDFDocument, title: string, hint: string): void {
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .fillColor(INK)
    .text(title, MARGIN, MARGIN - 6, { lineBreak: false })
  doc
    .font(FONT_REGULAR)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(hint, MARGIN, MARGIN + 11, { lineBreak: false })
}

function firstView(bounds: Rect, paper: Paper): { area: Rect; fit: number; view: View } {
  const page = LANDSCAPE[paper]
  const area = { x: MARGIN, y: MARGIN + HEADER, w: page.width - 2 * MARGIN, h: page.height - 2 * MARGIN - HEADER }
  const fit = Math.min(area.w / bounds.w, area.h / bounds.h)
  return { area, fit, view: { region: bounds, scale: fit, left: area.x + (area.w - bounds.w * fit) / 2, top: area.y } }
}

/** How the first overview page maps the board onto the page (points); null for an empty board. */
export function overviewView(snapshot: BoardSnapshot, paper: Paper): View | null {
  const bounds = boardBounds(snapshot.notes, memoZones(snapshot))
  return bounds ? firstView(bounds, paper).view : null
}

/**
 * Adds the overview page(s) to `doc` on `paper` in landscape. Returns the number of pages added.
 * Text stays text: it can be selected and searched.
 */
export function drawOverview(doc: PDFKit.PDFDocument, snapshot: BoardSnapshot, paper: Paper): number {
  const strings = MEMO_STRINGS[snapshot.board.language]
  const zones = memoZones(snapshot)
  const bounds = boardBounds(snapshot.notes, zones)
  const addPage = () => doc.addPage({ size: PAGE_SIZES[paper], layout: 'landscape', margin: 0 })
  addPage()
  doc.outline.addItem(strings.overview)
  pageHeader(doc, strings.overview, strings.overviewHint)
  if (!bounds) {
    doc
      .font(FONT_REGULAR)
      .fontSize(10)
      .fillColor(MUTED)
      .text(strings.noNotes, MARGIN, MARGIN + HEADER)
    return 1
  }
  const { area, fit, view: map } = firstView(bounds, paper)
  drawView(doc, snapshot, zones, map)
  if (fit >= MIN_READABLE_SCALE) return 1

  // Detail pages: tiles of the board at a readable scale, skipping empty ones.
  const tileW = area.w / DETAIL_SCALE
  const tileH = area.h / DETAIL_SCALE
  const columns = Math.ceil(bounds.w / tileW)
  const rows = Math.ceil(bounds.h / tileH)
  const tiles: Rect[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const tile = { x: bounds.x + column * tileW, y: bounds.y + row * tileH, w: tileW, h: tileH }
      if (snapshot.notes.some((note) => intersects({ ...note.position, ...note.size }, tile))) tiles.push(tile)
    }
  }
  // Marks each tile's area on the map page, so a reader finds the part they want.
  tiles.forEach((tile, i) => {
    const x = map.left + (tile.x - bounds.x) * fit
    const y = map.top + (tile.y - bounds.y) * fit
    doc
      .rect(
        x,
        y,
        Math.min(tile.w, bounds.x + bounds.w - tile.x) * fit,
        Math.min(tile.h, bounds.y + bounds.h - tile.y) * fit,
      )
      .lineWidth(0.5)
      .dash(2, { space: 2 })
      .stroke(MUTED)
      .undash()
    doc
      .font(FONT_BOLD)
      .fontSize(6)
      .fillColor(MUTED)
      .text(String(i + 2), x + 2, y + 2, { lineBreak: false })
  })
  tiles.forEach((tile, i) => {
    addPage()
    pageHeader(doc, strings.overviewPart(i + 2, tiles.length + 1), strings.overviewHint)
    drawView(doc, snapshot, zones, { region: tile, scale: DETAIL_SCALE, left: area.x, top: area.y })
  })
  return tiles.length + 1
}
