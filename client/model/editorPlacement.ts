/**
 * Where the note editor goes on the screen: beside the note when there is room (right, left,
 * below, above, in that order), else shifted until it fits; never outside the free part of the
 * view; a bottom sheet on narrow screens. Pure, so the rule is tested without a browser.
 */
import type { Rect } from '../../shared/zones.js'

/** Below this width (CSS px) the editor is a bottom sheet across the screen. */
export const SHEET_BELOW_WIDTH = 600
/** The sheet never takes more of the height than this, so the note stays in view above it. */
export const SHEET_MAX_SHARE = 0.62
const GAP = 12
const MARGIN = 8

export interface ViewInsets {
  /** Screen taken by tldraw's menus at the top and its toolbar at the bottom. */
  top: number
  bottom: number
}

export type EditorPlacement =
  | { kind: 'sheet'; bottom: number; maxHeight: number }
  | { kind: 'beside'; x: number; y: number; maxHeight: number }

/**
 * `note` is the note on the screen, `form` the editor's natural size, `view` the canvas size,
 * all in CSS px relative to the canvas.
 */
export function placeEditor(
  note: Rect,
  form: { w: number; h: number },
  view: { w: number; h: number },
  insets: ViewInsets,
): EditorPlacement {
  if (view.w < SHEET_BELOW_WIDTH) {
    const room = view.h - insets.bottom - MARGIN
    return { kind: 'sheet', bottom: insets.bottom, maxHeight: Math.max(160, Math.round(room * SHEET_MAX_SHARE)) }
  }
  const top = insets.top + MARGIN
  const bottom = view.h - insets.bottom - MARGIN
  const maxHeight = Math.max(120, bottom - top)
  const h = Math.min(form.h, maxHeight)
  const clampX = (x: number) => Math.min(Math.max(x, MARGIN), view.w - form.w - MARGIN)
  const clampY = (y: number) => Math.min(Math.max(y, top), bottom - h)
  const fitsX = (x: number) => x >= MARGIN && x + form.w <= view.w - MARGIN
  const fitsY = (y: number) => y >= top && y + h <= bottom

  const right = note.x + note.w + GAP
  if (fitsX(right)) return { kind: 'beside', x: right, y: clampY(note.y), maxHeight }
  const left = note.x - GAP - form.w
  if (fitsX(left)) return { kind: 'beside', x: left, y: clampY(note.y), maxHeight }
  const below = note.y + note.h + GAP
  if (fitsY(below)) return { kind: 'beside', x: clampX(note.x), y: below, maxHeight }
  const above = note.y - GAP - h
  if (fitsY(above)) return { kind: 'beside', x: clampX(note.x), y: above, maxHeight }
  // No side has room (a note filling the view): over the note, inside the view.
  return { kind: 'beside', x: clampX(note.x + note.w - form.w), y: clampY(note.y), maxHeight }
}
