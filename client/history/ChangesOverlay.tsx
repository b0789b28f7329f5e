import { createPortal } from 'react-dom'
import { type Editor, type TLShapeId, useValue } from 'tldraw'

export type ChangeKind = 'added' | 'edited' | 'moved'

/**
 * Frames the notes that changed on the live canvas, coloured (and patterned) by the kind of change;
 * it follows the camera and the notes. Only a picture: it takes no pointer and is hidden from
 * assistive technology, which reads the same changes from the summary in the history panel.
 */
export function ChangesOverlay({ editor, notes }: { editor: Editor; notes: Record<ChangeKind, readonly string[]> }) {
  const boxes = useValue('change highlights', () => {
    const zoom = editor.getZoomLevel()
    const out: { id: string; kind: ChangeKind; x: number; y: number; w: number; h: number }[] = []
    const drawn = new Set<string>()
    // An edited note that also moved is framed once, as edited.
    for (const kind of ['edited', 'moved', 'added'] as const) {
      for (const id of notes[kind]) {
        if (drawn.has(id)) continue
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds) continue
        drawn.add(id)
        const corner = editor.pageToViewport({ x: bounds.x, y: bounds.y })
        out.push({ id, kind, x: corner.x, y: corner.y, w: bounds.w * zoom, h: bounds.h * zoom })
      }
    }
    return out
  }, [editor, notes])
  return createPortal(
    <div className="tk-change-overlay" aria-hidden="true" data-testid="changes-overlay">
      {boxes.map((box) => (
        <div
          key={box.id}
          className={`tk-change-box tk-change-${box.kind}`}
          data-shape-id={box.id}
          data-change={box.kind}
          style={{ transform: `translate(${box.x - 6}px, ${box.y - 6}px)`, width: box.w + 12, height: box.h + 12 }}
        />
      ))}
    </div>,
    editor.getContainer(),
  )
}
