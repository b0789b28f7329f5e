/** Fonts, colours and the category symbols the memo draws with. */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { assertNever } from '../../shared/assertNever.js'
import type { CategoryId } from '../../shared/categories.js'

export const FONT_REGULAR = 'DejaVuSans'
export const FONT_BOLD = 'DejaVuSans-Bold'

let fontData: { regular: Buffer; bold: Buffer } | null = null

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package: it covers Finnish, Swedish and Northern Sámi
 * letters (á č đ ŋ š ŧ ž), which the 14 standard PDF fonts do not. Read once per thread.
 */
export function memoFonts(): { regular: Buffer; bold: Buffer } {
  if (!fontData) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    fontData = {
      regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    }
  }
  return fontData
}

export const INK = '#1d2433'
export const MUTED = '#5b6475'
export const RULE = '#c9ced8'
export const ZONE_FILL = '#f4f5f8'

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

/** The category colour mixed with white: a card's fill, light enough to print and read on. */
export function cardFill(hex: string, strength = 0.22): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(255 - (255 - channel) * strength)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

type Point = [number, number]

function star(cx: number, cy: number, outer: number): Point[] {
  const points: Point[] = []
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : outer * 0.45
    const angle = -Math.PI / 2 + (i * Math.PI) / 5
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)])
  }
  return points
}

/**
 * Draws a category's symbol as vectors (the UI's emoji are not in any embeddable font): a disc in
 * the category colour with a white mark, `size` points across, top-left at (x, y).
 */
export function drawCategorySymbol(
  doc: PDFKit.PDFDocument,
  category: CategoryId,
  hex: string,
  x: number,
  y: number,
  size: number,
): void {
  const r = size / 2
  const cx = x + r
  const cy = y + r
  const u = r * 0.62
  doc.save()
  doc.circle(cx, cy, r).fill(hex)
  if (size < 4) {
    doc.restore()
    return
  }
  doc
    .fillColor('#ffffff')
    .strokeColor('#ffffff')
    .lineWidth(Math.max(0.3, size * 0.09))
  switch (category) {
    case 'strength':
      doc.polygon(...star(cx, cy + u * 0.05, u)).fill()
      break
    case 'need':
      doc.circle(cx, cy, u * 0.85).stroke()
      doc.circle(cx, cy, u * 0.3).fill()
      break
    case 'actor':
      doc.polygon([cx - u, cy - u * 0.25], [cx, cy - u], [cx + u, cy - u * 0.25]).fill()
      for (const dx of [-0.65, 0, 0.65]) doc.rect(cx + dx * u - u * 0.13, cy - u * 0.15, u * 0.26, u * 0.8).fill()
      doc.rect(cx - u, cy + u * 0.72, 2 * u, u * 0.2).fill()
      break
    case 'action':
      doc
        .polygon(
          [cx - u, cy - u * 0.22],
          [cx + u * 0.1, cy - u * 0.22],
          [cx + u * 0.1, cy - u * 0.7],
          [cx + u, cy],
          [cx + u * 0.1, cy + u * 0.7],
          [cx + u * 0.1, cy + u * 0.22],
          [cx - u, cy + u * 0.22],
        )
        .fill()
      break
    case 'intent':
      doc.circle(cx - u * 0.38, cy, u * 0.55).stroke()
      doc.circle(cx + u * 0.38, cy, u * 0.55).stroke()
      break
    case 'weakness':
      doc.rect(cx - u * 0.14, cy - u * 0.85, u * 0.28, u * 1.1).fill()
      doc.circle(cx, cy + u * 0.65, u * 0.17).fill()
      break
    case 'opportunity':
      doc
        .polygon(
          [cx - u, cy + u * 0.45],
          [cx, cy - u * 0.55],
          [cx + u, cy + u * 0.45],
          [cx + u * 0.55, cy + u * 0.45],
          [cx, cy - u * 0.05],
          [cx - u * 0.55, cy + u * 0.45],
        )
        .fill()
      break
    case 'threat':
      doc
        .polygon(
          [cx + u * 0.2, cy - u],
          [cx - u * 0.6, cy + u * 0.12],
          [cx - u * 0.05, cy + u * 0.12],
          [cx - u * 0.25, cy + u],
          [cx + u * 0.6, cy - u * 0.15],
          [cx + u * 0.05, cy - u * 0.15],
        )
        .fill()
      break
    case 'unsorted':
      // Lines of text: written, not yet sorted.
      for (const [dy, share] of [
        [-0.55, 1],
        [0, 1],
        [0.55, 0.6],
      ] as const) {
        doc.rect(cx - u * 0.8, cy + dy * u - u * 0.11, 1.6 * u * share, u * 0.22).fill()
      }
      break
    default:
      assertNever(category)
  }
  doc.restore()
}
