import { create } from 'qrcode'

export interface QrPath {
  /** Modules per side, including the quiet zone. */
  size: number
  /** One SVG path of every dark module, in module units. */
  path: string
}

/** Quiet zone around the symbol, in modules: the standard's four. */
const QUIET = 4

/**
 * A QR code of `text` as one SVG path, drawn by React rather than injected as markup. Level M
 * survives a smudged or glare-struck projection and keeps a short link at a low version.
 */
export function qrPath(text: string): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const parts: string[] = []
  for (let row = 0; row < modules.size; row++) {
    let col = 0
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      // A run of dark modules in a row is one rectangle: fewer path commands than one per module.
      const start = col
      while (col < modules.size && modules.get(row, col)) col++
      parts.push(`M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`)
    }
  }
  return { size: modules.size + 2 * QUIET, path: parts.join('') }
}
