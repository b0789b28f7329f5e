/** How a note's text is sized and its time shown: pure, so the canvas and tests agree. */
import { formatDate, type Language } from '../../shared/language.js'

/** Average glyph width of the UI font relative to its size, for estimating line fits. */
const GLYPH_WIDTH = 0.56
const HORIZONTAL_PADDING = 24
const MIN_FONT_SIZE = 13

/**
 * Font size (page px) for a note's text: large for a few words, smaller as the text grows, so a
 * short note reads across the room and a long one still fits. Scales with the note's area, and
 * shrinks so that the longest word (Finnish has long ones) fits on one line where it can.
 */
export function noteFontSize(text: string, w: number, h: number): number {
  const n = text.length
  const base = n <= 40 ? 28 : n <= 80 ? 24 : n <= 160 ? 19 : n <= 300 ? 16 : 14
  const scaled = base * Math.min(2.5, Math.max(0.75, Math.sqrt((w * h) / (240 * 160))))
  const longestWord = Math.max(1, ...text.split(/\s+/).map((word) => word.length))
  const fitsWord = (w - HORIZONTAL_PADDING) / (longestWord * GLYPH_WIDTH)
  return Math.round(Math.max(MIN_FONT_SIZE, Math.min(scaled, fitsWord)))
}

/** Line height of a note's text, relative to its font size (the card's CSS says the same). */
const LINE_HEIGHT = 1.22

/**
 * How many lines of text a card of height `h` shows before its ellipsis: what is left of the
 * height after the header, the fields (about two to a row) and the author line.
 */
export function noteTextLines(h: number, fontSize: number, fieldCount: number, hasMeta: boolean): number {
  const chrome = 40 + (hasMeta ? 20 : 0) + (fieldCount > 0 ? 8 + 22 * Math.ceil(fieldCount / 2) : 0)
  return Math.max(1, Math.floor((h - chrome) / (fontSize * LINE_HEIGHT)))
}

/** "3.6. klo 14.05": the day and the time, in the viewer's language. */
export function formatNoteTime(epochMs: number, language: Language): string {
  if (!epochMs) return ''
  return formatDate(epochMs, language, 'dayAndTime')
}
