import { useLayoutEffect, useRef, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { NOTE_DEFAULT_SIZE } from '../../shared/canvasShapes.js'
import { measureInsets } from '../editor/viewInsets.js'
import { type EditorPlacement, placeEditor } from '../model/editorPlacement.js'
import { isNoteShape, type NoteShape } from '../model/shapeProps.js'
import { NoteEditor } from './NoteEditor.js'

/**
 * The editor of the note being edited, in screen space over the canvas (not inside the note, so
 * it is never clipped, scaled or culled with it): beside the note on wide screens, a bottom sheet
 * on narrow ones, always inside the free part of the view.
 */
export function NoteEditorOverlay() {
  const editor = useEditor()
  const note = useValue('editing note', () => {
    const shape = editor.getEditingShape()
    return isNoteShape(shape) ? shape : null
  }, [editor])
  return note ? <PlacedNoteEditor key={note.id} shape={note} /> : null
}

/** A note grows no taller than this; longer texts end in an ellipsis on the card. */
const MAX_GROWN_HEIGHT = 420

/**
 * While a note is edited, its height follows what it holds (from its default up to
 * MAX_GROWN_HEIGHT), measured from its card; only the person editing writes it.
 */
function useNoteGrowth(shape: NoteShape): void {
  const editor = useEditor()
  useLayoutEffect(() => {
    const card = editor.getContainer().querySelector<HTMLElement>(`[data-shape-id="${shape.id}"] .tk-note`)
    const text = card?.querySelector<HTMLElement>('.tk-note-text')
    if (!card || !text) return
    const measure = () => {
      const borders = card.offsetHeight - card.clientHeight
      let natural = borders + 4 + text.offsetHeight
      for (const child of card.children) {
        if (!child.classList.contains('tk-note-body') && child instanceof HTMLElement) natural += child.offsetHeight
      }
      const wanted = Math.round(Math.min(MAX_GROWN_HEIGHT, Math.max(NOTE_DEFAULT_SIZE.h, natural + 6)))
      const current = editor.getShape(shape.id)
      if (isNoteShape(current) && Math.abs(current.props.h - wanted) > 2) {
        editor.updateShape<NoteShape>({ id: shape.id, type: current.type, props: { h: wanted } })
      }
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(text)
    observer.observe(card)
    for (const child of card.children) observer.observe(child)
    return () => observer.disconnect()
  }, [editor, shape.id])
}

function PlacedNoteEditor({ shape }: { shape: NoteShape }) {
  const editor = useEditor()
  const form = useRef<HTMLFormElement>(null)
  const [natural, setNatural] = useState({ w: 340, h: 360 })
  const [placement, setPlacement] = useState<EditorPlacement | null>(null)
  const panned = useRef(false)
  const onScreen = useValue('editing note on screen', () => {
    const bounds = editor.getShapePageBounds(shape.id)
    const view = editor.getViewportScreenBounds()
    if (!bounds) return null
    const topLeft = editor.pageToViewport(bounds.point)
    const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
    return {
      note: { x: topLeft.x, y: topLeft.y, w: bottomRight.x - topLeft.x, h: bottomRight.y - topLeft.y },
      view: { w: view.w, h: view.h },
    }
  }, [editor, shape.id])

  useNoteGrowth(shape)

  // The form's natural size: its content's height, however much of it the form shows.
  useLayoutEffect(() => {
    const element = form.current
    const content = element?.querySelector('.tk-note-editor-fields')
    const scroller = content?.parentElement
    if (!element || !content || !scroller) return
    const measure = () => {
      const h = element.offsetHeight - scroller.clientHeight + content.scrollHeight
      const w = element.offsetWidth
      setNatural((previous) => (previous.h === h && previous.w === w ? previous : { w, h }))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(content)
    return () => observer.disconnect()
  }, [])

  useLayoutEffect(() => {
    if (!onScreen) return
    const next = placeEditor(onScreen.note, natural, onScreen.view, measureInsets(editor))
    setPlacement((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next))
  }, [editor, onScreen, natural])

  // A sheet covers the lower part of a phone's screen: once, move the note into the part above it.
  useLayoutEffect(() => {
    if (!onScreen || placement?.kind !== 'sheet' || panned.current || !form.current) return
    panned.current = true
    const sheetTop = onScreen.view.h - placement.bottom - form.current.offsetHeight
    const { top } = measureInsets(editor)
    const { note } = onScreen
    if (note.y >= top && note.y + note.h <= sheetTop - 8 && note.w >= onScreen.view.w * 0.3) return
    // Close enough to read (at most 100 %), centred in the part above the sheet.
    const camera = editor.getCamera()
    const bounds = editor.getShapePageBounds(shape.id)
    if (!bounds) return
    const z = Math.max(camera.z, Math.min(1, (onScreen.view.w * 0.6) / bounds.w, (sheetTop - top - 16) / bounds.h))
    const target = { x: onScreen.view.w / 2, y: (top + sheetTop) / 2 }
    editor.setCamera({ x: target.x / z - bounds.center.x, y: target.y / z - bounds.center.y, z })
  }, [editor, onScreen, placement, shape.id])

  const style =
    placement?.kind === 'beside'
      ? { left: placement.x, top: placement.y, maxHeight: placement.maxHeight }
      : placement?.kind === 'sheet'
        ? { bottom: placement.bottom, maxHeight: placement.maxHeight }
        : { left: 0, top: 0, opacity: 0 }
  return (
    <NoteEditor
      shape={shape}
      formRef={form}
      className={`tk-note-editor ${placement?.kind === 'sheet' ? 'tk-note-editor-sheet' : 'tk-note-editor-beside'}`}
      style={style}
    />
  )
}
