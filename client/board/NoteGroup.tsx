import type { TLShapeId } from 'tldraw'
import { type CategoryDefinition, UNSORTED } from '../../shared/categories.js'
import type { SnapshotNote } from '../../shared/snapshot.js'
import { useLanguage, useT } from '../i18n/index.js'
import { fieldDisplays } from '../model/noteFields.js'
import { shortText } from '../editor/focusShape.js'
import { VoteControls } from './VoteControls.js'

interface NoteGroupProps {
  category: CategoryDefinition
  notes: readonly SnapshotNote[]
  onShow: (id: TLShapeId) => void
}

/** One category in the list view: a heading with the count, and a button per note. */
export function NoteGroup({ category, notes, onShow }: NoteGroupProps) {
  const t = useT()
  const language = useLanguage()
  const headingId = `list-group-${category.id}`
  // Why a note is unsorted is not obvious from the canvas: the group says it.
  const hintId = category.id === UNSORTED ? `${headingId}-hint` : undefined
  return (
    <section
      className="tk-list-group"
      aria-labelledby={headingId}
      aria-describedby={hintId}
      data-testid={`list-group-${category.id}`}
    >
      <h3 id={headingId} style={{ borderLeftColor: category.hex }}>
        <span aria-hidden="true">{category.icon}</span> {category.pluralLabels[language]}{' '}
        <span className="tk-list-count">({notes.length})</span>
      </h3>
      {hintId ? (
        <p id={hintId} className="tk-list-hint">
          {t('list.unsortedHint')}
        </p>
      ) : null}
      <ul>
        {notes.map((note) => {
          // A plain tldraw shape's text says what it was written with, in place of fields.
          const fields = note.plainShape
            ? [{ key: 'plainShape', text: t(`list.plainShape.${note.plainShape}`) }]
            : fieldDisplays(note.category, note.fields, language)
          return (
            <li key={note.id}>
              <button type="button" className="tk-list-item" onClick={() => onShow(note.id as TLShapeId)}>
                <span className="tk-list-item-text">{shortText(note.text, t('list.noText'), 200)}</span>
                {fields.length > 0 ? (
                  <span className="tk-list-item-fields">{fields.map((field) => field.text).join(' · ')}</span>
                ) : null}
                {note.author ? <span className="tk-list-item-author">{note.author}</span> : null}
              </button>
              <VoteControls noteId={note.id} text={note.text} />
            </li>
          )
        })}
      </ul>
    </section>
  )
}
