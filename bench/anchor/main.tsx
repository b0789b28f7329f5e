/**
 * The anchor of the browser benchmark: bare tldraw holding the same notes as plain tldraw note
 * shapes, fonts bundled the same way as ours. It reads the notes from /notes.json (the harness
 * serves it) and exposes the editor and a local mover for the harness.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createRoot } from 'react-dom/client'
import { type Editor, getIndices, type TLNoteShape, type TLShapePartial, Tldraw, toRichText } from 'tldraw'
import 'tldraw/tldraw.css'
import { type BenchNote, benchNoteId, MOVE_INTERVAL_MS, MOVED_NOTES, movedPosition } from '../client/moves.js'

declare global {
  interface Window {
    __anchor?: { editor: Editor; startMoves(): void; stopMoves(): void }
  }
}

const assetUrls = getAssetUrlsByImport()

function mount(editor: Editor, notes: readonly BenchNote[]): void {
  // As a Yjs-bound tldraw app receives a board: whole records put into the store as a remote change.
  const defaults = editor.getShapeUtil<TLNoteShape>('note').getDefaultProps()
  const indices = getIndices(notes.length)
  const records: TLNoteShape[] = notes.map((note, i) => ({
    id: benchNoteId(i) as TLNoteShape['id'],
    typeName: 'shape',
    type: 'note',
    x: note.x,
    y: note.y,
    rotation: 0,
    index: indices[i]!,
    parentId: editor.getCurrentPageId(),
    isLocked: false,
    opacity: 1,
    props: { ...defaults, richText: toRichText(note.text) },
    meta: {},
  }))
  editor.store.mergeRemoteChanges(() => editor.store.put(records))
  editor.zoomToFit()
  let timer: ReturnType<typeof setInterval> | undefined
  let step = 0
  window.__anchor = {
    editor,
    // The same group drag the remote participant makes on our board, made here in the page.
    startMoves() {
      timer ??= setInterval(() => {
        step++
        const moved: TLShapePartial[] = []
        for (let i = 0; i < Math.min(MOVED_NOTES, notes.length); i++) {
          moved.push({ id: benchNoteId(i) as never, type: 'note', ...movedPosition(notes[i]!, i, step) })
        }
        editor.updateShapes(moved)
      }, MOVE_INTERVAL_MS)
    },
    stopMoves() {
      clearInterval(timer)
      timer = undefined
    },
  }
}

async function start(): Promise<void> {
  const notes = (await (await fetch('/notes.json')).json()) as BenchNote[]
  createRoot(document.getElementById('root')!).render(
    <div style={{ position: 'fixed', inset: 0 }}>
      <Tldraw assetUrls={assetUrls} onMount={(editor) => mount(editor, notes)} />
    </div>,
  )
}

void start()
