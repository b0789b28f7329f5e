/**
 * tldraw's own shapes that hold text people wrote — a plain sticky note (older boards, pasted
 * ones), a text, a shape's label, a frame's name. Their text is part of the situational picture:
 * the snapshot lists each as an unsorted note. Arrows' labels are relations, not read here.
 */
import { z } from 'zod'
import { assertNever } from './assertNever.js'
import { plainTextFromRichText } from './richText.js'

export const PLAIN_TEXT_SHAPE_TYPES = ['note', 'text', 'geo', 'frame'] as const
export const PlainTextShapeType = z.enum(PLAIN_TEXT_SHAPE_TYPES)
export type PlainTextShapeType = z.infer<typeof PlainTextShapeType>

export function isPlainTextShapeType(type: string): type is PlainTextShapeType {
  return (PLAIN_TEXT_SHAPE_TYPES as readonly string[]).includes(type)
}

/** tldraw's sticky note is 200 units square at scale 1, taller by growY. */
const TLDRAW_NOTE_SIZE = 200
/** tldraw's text sizes in page units, and its line height. */
const TEXT_FONT_SIZES: Readonly<Record<string, number>> = { s: 18, m: 24, l: 36, xl: 44 }
const TEXT_LINE_HEIGHT = 1.35

const size = z.number().nonnegative()
const scale = z.number().positive()
const SIZE_PROPS = {
  note: z.object({ scale, growY: size }),
  text: z.object({ scale, w: size, size: z.string() }),
  geo: z.object({ w: size, h: size }),
  frame: z.object({ w: size, h: size }),
} as const

export type PlainShapeText =
  | { ok: true; text: string; size: { w: number; h: number } }
  | { ok: false; error: z.ZodError }

/**
 * The text of a plain shape and its size on the page, or null when it holds no text (nothing to
 * list, so its other props are not checked). A text's height is estimated from its lines, as
 * the page is not laid out here.
 */
export function readPlainShapeText(type: PlainTextShapeType, props: Record<string, unknown>): PlainShapeText | null {
  const text =
    type === 'frame' ? (typeof props.name === 'string' ? props.name.trim() : '') : plainTextFromRichText(props.richText)
  if (!text) return null
  switch (type) {
    case 'note': {
      const parsed = SIZE_PROPS.note.safeParse(props)
      if (!parsed.success) return { ok: false, error: parsed.error }
      const { scale, growY } = parsed.data
      return { ok: true, text, size: { w: TLDRAW_NOTE_SIZE * scale, h: (TLDRAW_NOTE_SIZE + growY) * scale } }
    }
    case 'text': {
      const parsed = SIZE_PROPS.text.safeParse(props)
      if (!parsed.success) return { ok: false, error: parsed.error }
      const lineHeight = (TEXT_FONT_SIZES[parsed.data.size] ?? TEXT_FONT_SIZES.m!) * TEXT_LINE_HEIGHT
      const lines = text.split('\n').length
      return { ok: true, text, size: { w: parsed.data.w, h: lines * lineHeight * parsed.data.scale } }
    }
    case 'geo':
    case 'frame': {
      const parsed = SIZE_PROPS[type].safeParse(props)
      if (!parsed.success) return { ok: false, error: parsed.error }
      return { ok: true, text, size: { w: parsed.data.w, h: parsed.data.h } }
    }
    default:
      return assertNever(type)
  }
}
