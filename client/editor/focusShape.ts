import type { Editor, TLShapeId } from 'tldraw'

/** Selects a shape and brings it into view, for the list view's "show on the canvas". */
export function focusShape(editor: Editor, id: TLShapeId): void {
  if (!editor.getShape(id)) return
  if (editor.getEditingShapeId()) editor.complete()
  editor.setCurrentTool('select')
  editor.select(id)
  editor.zoomToSelection({ animation: { duration: 320 } })
}

/** A short, readable name for a note in lists: its first words, or its category. */
export function shortText(text: string, fallback: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (!oneLine) return fallback
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}
