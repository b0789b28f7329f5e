import type { Editor, TLFontFace } from 'tldraw'

/**
 * Keeps tldraw from downloading font faces that no shape on the page uses.
 *
 * Right after mount tldraw queues every default face (16 woff2 files, 1.3 MB) so that switching
 * a shape's font later is instant. Our notes and zones use the system font; only arrow labels,
 * text and geo shapes use tldraw's faces, and tldraw loads a face anyway as soon as a shape on
 * screen needs it. On venue Wi-Fi with 100 people joining at once those 1.3 MB per person are the
 * larger part of a board page, so we drop the queued faces that the page does not use.
 *
 * Must run in the `onMount` callback: tldraw fills the queue in the same synchronous step and
 * loads it in a microtask. The queue is a private field; if a tldraw upgrade renames it this does
 * nothing, and the board-page bytes test notices.
 */
export function skipUnusedFontPreload(editor: Editor): void {
  const queued = (editor.fonts as unknown as { fontsToLoad?: unknown }).fontsToLoad
  if (!(queued instanceof Set)) return
  const used = new Set<TLFontFace>()
  for (const id of editor.getCurrentPageShapeIds()) {
    for (const face of editor.fonts.getShapeFontFaces(id)) used.add(face)
  }
  for (const face of [...(queued as Set<TLFontFace>)]) if (!used.has(face)) queued.delete(face)
}
