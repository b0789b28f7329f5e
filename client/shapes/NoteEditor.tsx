import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { type Editor, stopEventPropagation, useEditor, useValue } from 'tldraw'
import { CATEGORIES, CategoryId, getCategory } from '../../shared/categories.js'
import { NOTE_TEXT_MAX_LENGTH } from '../../shared/canvasShapes.js'
import { FormField } from '../components/FormField.js'
import { useLanguage, useT } from '../i18n/index.js'
import { NoteFieldInput } from './NoteFieldInput.js'
import { chooseNoteCategory, setNoteField, setNoteText } from '../editor/noteUpdates.js'
import type { NoteShape } from '../model/shapeProps.js'

/** Narrowest the editor gets, in screen pixels, however small the note or the zoom. */
const EDITOR_MIN_WIDTH = 300
const VIEW_MARGIN = 16
/** tldraw's toolbar covers the bottom of the canvas. */
const TOOLBAR_HEIGHT = 64

/** Moves the camera (without animation, so positions stay predictable) until the form is in view. */
function panFormIntoView(editor: Editor, rect: DOMRect): void {
  const view = editor.getViewportScreenBounds()
  const below = rect.bottom - (view.maxY - TOOLBAR_HEIGHT - VIEW_MARGIN)
  const room = rect.top - (view.minY + VIEW_MARGIN)
  // Never push the top of the form out of view to show its bottom.
  const up = Math.min(below, room)
  if (up <= 0) return
  const camera = editor.getCamera()
  editor.setCamera({ x: camera.x, y: camera.y - up / camera.z, z: camera.z })
}

/**
 * The note's edit form, laid over the note on the canvas while it is being edited. It is scaled
 * against the camera's zoom so that it is never smaller on screen than at 100 %.
 */
export function NoteEditor({ shape }: { shape: NoteShape }) {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const scale = Math.max(1, 1 / zoom)
  const form = useRef<HTMLFormElement>(null)
  const textArea = useRef<HTMLTextAreaElement>(null)
  const { props } = shape
  const category = getCategory(props.category)

  // The text is kept locally too, so the caret never jumps while the store catches up.
  const [text, setText] = useState(props.text)
  useEffect(() => setText(props.text), [props.text])
  useEffect(() => {
    textArea.current?.focus({ preventScroll: true })
    const length = textArea.current?.value.length ?? 0
    textArea.current?.setSelectionRange(length, length)
    if (form.current) panFormIntoView(editor, form.current.getBoundingClientRect())
  }, [editor])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      editor.complete()
    }
  }

  return (
    <form
      ref={form}
      className="tk-note-editor"
      aria-label={t('note.editorLabel')}
      style={{ transform: `scale(${scale})`, width: Math.max(props.w / scale, EDITOR_MIN_WIDTH / (scale * zoom)) }}
      data-testid="note-editor"
      onPointerDown={stopEventPropagation}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault()
        editor.complete()
      }}
    >
      <FormField
        className="tk-note-editor-field"
        label={t('note.categoryLabel')}
        hint={props.categoryChosen ? null : t('note.autoCategoryHint')}
      >
        {(control) => (
          <select
            {...control}
            name="category"
            value={props.category}
            onChange={(event) => {
              const parsed = CategoryId.safeParse(event.target.value)
              if (parsed.success) chooseNoteCategory(editor, shape.id, parsed.data)
            }}
          >
            {CATEGORIES.map((option) => (
              <option key={option.id} value={option.id}>
                {option.icon} {option.labels[language]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField className="tk-note-editor-field" label={t('note.textLabel')}>
        {(control) => (
          <textarea
            {...control}
            ref={textArea}
            name="text"
            rows={4}
            maxLength={NOTE_TEXT_MAX_LENGTH}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setNoteText(editor, shape.id, event.target.value)
            }}
          />
        )}
      </FormField>
      {category.fields.map((field) => (
        <NoteFieldInput
          key={`${category.id}.${field.key}`}
          field={field}
          value={props.fields[field.key] ?? ''}
          onCommit={(value) => setNoteField(editor, shape.id, field.key, value)}
        />
      ))}
      <div className="tk-actions">
        <button type="submit" className="tk-button">
          {t('note.done')}
        </button>
      </div>
    </form>
  )
}
