import type { CSSProperties } from 'react'
import { HTMLContainer } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { useLanguage, useT } from '../i18n/index.js'
import { fieldDisplays } from '../model/noteFields.js'
import { NoteVotes } from './NoteVotes.js'
import { formatNoteTime, noteFontSize } from '../model/noteText.js'
import type { NoteShape } from '../model/shapeProps.js'

/** A structured note on the canvas: category header, text, fields, author and time. */
export function NoteCard({ shape }: { shape: NoteShape }) {
  const t = useT()
  const language = useLanguage()
  const { props } = shape
  const category = getCategory(props.category)
  const fields = fieldDisplays(props.category, props.fields, language)
  const meta = [props.author, formatNoteTime(props.createdAt, language)].filter(Boolean).join(' · ')
  const style = { width: props.w, height: props.h, '--tk-category': category.hex } as CSSProperties

  return (
    <HTMLContainer className="tk-note" style={style} data-category={props.category} data-testid="situation-note">
      <div className="tk-note-head">
        <span aria-hidden="true">{category.icon}</span>
        <span className="tk-note-category">{category.labels[language]}</span>
      </div>
      <div className="tk-note-body">
        <p className="tk-note-text" style={{ fontSize: noteFontSize(props.text, props.w, props.h) }}>
          {props.text || <span className="tk-note-placeholder">{t('note.emptyText')}</span>}
        </p>
        {fields.length > 0 ? (
          <ul className="tk-note-fields">
            {fields.map((field) => (
              <li key={field.key} title={field.label}>
                {field.text}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {meta ? <div className="tk-note-meta">{meta}</div> : null}
      <NoteVotes shape={shape} />
    </HTMLContainer>
  )
}
