import { type CSSProperties, type KeyboardEvent, type Ref, useEffect, useRef, useState } from 'react'
import { stopEventPropagation, useEditor } from 'tldraw'
import { CATEGORIES, CategoryId, getCategory } from '../../shared/categories.js'
import { NOTE_TEXT_MAX_LENGTH } from '../../shared/canvasShapes.js'
import { FormField } from '../components/FormField.js'
import { finishEditing } from '../editor/placeNote.js'
import { moveNoteToZone, zoneChoices } from '../editor/moveNote.js'
import { chooseNoteCategory, setNoteField, setNoteText } from '../editor/noteUpdates.js'
import { useLanguage, useT } from '../i18n/index.js'
import type { NoteShape } from '../model/shapeProps.js'
import { NoteFieldInput } from './NoteFieldInput.js'

interface NoteEditorProps {
  shape: NoteShape
  /** Where the overlay put it (NoteEditorOverlay), and its class for a sheet or a side card. */
  className: string
  style: CSSProperties
  formRef: Ref<HTMLFormElement>
}

/**
 * The note's edit form. Changes are saved as they are made; Done, Escape and Ctrl+Enter leave
 * editing. The form scrolls inside itself with Done kept in view at its foot.
 */
export function NoteEditor({ shape, className, style, formRef }: NoteEditorProps) {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const textArea = useRef<HTMLTextAreaElement>(null)
  const { props } = shape
  const category = getCategory(props.category)
  const zones = zoneChoices(editor, language)

  // The text is kept locally too, so the caret never jumps while the store catches up.
  const [text, setText] = useState(props.text)
  useEffect(() => setText(props.text), [props.text])
  useEffect(() => {
    textArea.current?.focus({ preventScroll: true })
    const length = textArea.current?.value.length ?? 0
    textArea.current?.setSelectionRange(length, length)
  }, [])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault()
      event.stopPropagation()
      finishEditing(editor)
    }
  }

  return (
    <form
      ref={formRef}
      className={className}
      style={{ ...style, '--tk-category': category.hex } as CSSProperties}
      aria-label={t('note.editorLabel')}
      data-testid="note-editor"
      onPointerDown={stopEventPropagation}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault()
        finishEditing(editor)
      }}
    >
      <div className="tk-note-editor-scroll">
        <div className="tk-note-editor-fields" data-category-fields={category.id}>
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
          {zones.length > 1 ? (
            <FormField className="tk-note-editor-field" label={t('note.moveTo')}>
              {(control) => (
                // A drag between zones is hard on a phone; this moves the note to a free spot there.
                <select
                  {...control}
                  name="moveTo"
                  value=""
                  onChange={(event) => moveNoteToZone(editor, shape.id, event.target.value)}
                >
                  <option value="">{t('note.moveToChoose')}</option>
                  {zones.map((zone) => (
                    <option key={zone.id} value={zone.id}>
                      {zone.label}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
        </div>
      </div>
      <div className="tk-note-editor-foot">
        <p className="tk-note-editor-hint" id={`${shape.id}-hint`}>
          {t('note.keyHint')}
        </p>
        <button type="submit" className="tk-button" aria-describedby={`${shape.id}-hint`}>
          {t('note.done')}
        </button>
      </div>
    </form>
  )
}
