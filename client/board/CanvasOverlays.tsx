import { NoteEditorOverlay } from '../shapes/NoteEditorOverlay.js'
import { NotePalette } from './NotePalette.js'

/** What floats over the canvas, under tldraw's menus: the note palette and the note being edited. */
export function CanvasOverlays() {
  return (
    <>
      <NotePalette />
      <NoteEditorOverlay />
    </>
  )
}
