import type { CSSProperties } from 'react'
import { HTMLContainer, useEditor, useValue } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { NOTE_DEFAULT_SIZE } from '../../shared/canvasShapes.js'
import { isNoteOutsideItsZone } from '../editor/outsideZone.js'
import { useLanguage, useT } from '../i18n/index.js'
import { fieldDisplays } from '../model/noteFields.js'
import { formatNoteTime, noteFontSize, noteTextLines } from '../model/noteText.js'
import type { NoteShape } from '../model/shapeProps.js'
import { NoteVotes } from './NoteVotes.js'

/**
 * A structured note on the canvas: category header, text (ending in an ellipsis when it does not
 * fit, whole while the note is selected), fields, author and time. Rendered for every note on the
 * board: it reads two signals of its own and formats nothing that costs.
 */
export function NoteCard({ shape }: { shape: NoteShape }) {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const { props } = shape
  const selected = useValue('only selected', () => editor.getOnlySelectedShapeId() === shape.id, [editor, shape.id])
  const outside = useValue('outside its zone', () => isNoteOutsideItsZone(editor, shape.id), [editor, shape.id])
  const category = getCategory(props.category)
  const fields = fieldDisplays(props.category, props.fields, language)
  const meta = [props.author, formatNoteTime(props.createdAt, language)].filter(Boolean).join(' · ')
  // The size follows the text's length, not the note's height, which itself follows the text.
  const fontSize = noteFontSize(props.text, props.w, NOTE_DEFAULT_SIZE.h)
  const lines = noteTextLines(props.h, fontSize, fields.length, meta !== '')
  // Selected, the card grows past its height to show the whole text.
  const size: CSSProperties = selected ? { width: props.w, minHeight: props.h } : { width: props.w, height: props.h }
  const style = { ...size, '--tk-category': category.hex } as CSSProperties
  const textStyle = selected ? { fontSize } : { fontSize, WebkitLineClamp: lines }

  return (
    <HTMLContainer
      className={selected ? 'tk-note tk-note-whole' : 'tk-note'}
      style={style}
      data-category={props.category}
      data-testid="situation-note"
    >
      <div className="tk-note-head">
        <span aria-hidden="true">{category.icon}</span>
        <span className="tk-note-category">{category.labels[language]}</span>
        {outside ? (
          <span className="tk-note-outside" role="img" aria-label={t('note.outsideZone')} title={t('note.outsideZone')}>
            ⇱
          </span>
        ) : null}
      </div>
      <div className="tk-note-body">
        <p className="tk-note-text" style={textStyle}>
          {props.text || <span className="tk-note-placeholder">{t('note.emptyText')}</span>}
        </p>
      </div>
      {fields.length > 0 ? (
        <ul className="tk-note-fields">
          {fields.map((field) =>
            field.key === 'name' ? (
              <li key={field.key} title={field.label} data-field={field.key} className="tk-note-name">
                {props.fields.name}
              </li>
            ) : field.key === 'businessId' ? (
              // The number itself is in the list and the exports; the card says it was checked.
              <li key={field.key} title={field.text} data-field={field.key}>
                ✓ {field.label}
              </li>
            ) : (
              <li key={field.key} title={field.label} data-field={field.key}>
                {field.text}
              </li>
            ),
          )}
        </ul>
      ) : null}
      {meta ? <div className="tk-note-meta">{meta}</div> : null}
      <NoteVotes shape={shape} />
    </HTMLContainer>
  )
}
