/** Downloads made from the board: the server's PDF memo, and the canvas through tldraw's own export. */
import type { Editor } from 'tldraw'

export type MemoPaper = 'a4' | 'a3'

export type MemoResult = { ok: true; blob: Blob } | { ok: false; reason: 'busy' | 'server' | 'network' }

/**
 * Asks the server for the board's memo, with a "changes since" section when `changesSince` names a
 * version; 'busy' when it is making too many PDFs at once (429).
 */
export async function fetchMemoPdf(
  boardId: string,
  token: string,
  paper: MemoPaper,
  includeAuthors: boolean,
  changesSince?: string,
): Promise<MemoResult> {
  try {
    const query = new URLSearchParams({ paper, authors: includeAuthors ? '1' : '0' })
    if (changesSince) query.set('changesSince', changesSince)
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export.pdf?${query}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    })
    if (response.status === 429) return { ok: false, reason: 'busy' }
    if (!response.ok) return { ok: false, reason: 'server' }
    return { ok: true, blob: await response.blob() }
  } catch {
    return { ok: false, reason: 'network' }
  }
}

/** The whole current page as PNG or SVG, drawn by tldraw; null when the page is empty. */
export async function exportCanvas(editor: Editor, format: 'png' | 'svg'): Promise<Blob | null> {
  const shapes = [...editor.getCurrentPageShapeIds()]
  if (shapes.length === 0) return null
  if (format === 'svg') {
    const result = await editor.getSvgString(shapes, { background: true, padding: 32 })
    return result ? new Blob([result.svg], { type: 'image/svg+xml' }) : null
  }
  const { blob } = await editor.toImage(shapes, { format: 'png', background: true, padding: 32, pixelRatio: 2 })
  return blob
}
