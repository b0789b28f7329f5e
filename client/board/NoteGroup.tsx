import type { TLShapeId } from 'tldraw'
import { type CategoryDefinition, getCategory, UNSORTED } from '../../shared/categories.js'
import type { SnapshotNote } from '../../shared/snapshot.js'
import { useLanguage, useT } from '../i18n/index.js'
import { fieldDisplays } from '../model/noteFields.js'
import { shortText } from '../editor/focusShape.js'
import { VoteControls } from './VoteControls.js'

interface NoteGroupProps {
  /** The category listed, or 'outside': notes lying outside their category's zone, of any category. */
  category: CategoryDefinition | 'outside'
  notes: readonly SnapshotNote[]
  onShow: (id: TLShapeId) => void
}

/** The look of the group of notes outside their zone (the card's marker, a neutral colour). */
const OUTSIDE_GROUP = { id: 'outside', icon: '⇱', hex: '#b7791f' }

/** One category in the list view: a heading with the count, and a button per note. */
export function NoteGroup({ category, notes, onShow }: NoteGroupProps) {
  const t = useT()
  const language = useLanguage()
  const outside = category === 'outside'
  const look = outside ? OUTSIDE_GROUP : category
  const title = outside ? t('list.outsideZone') : category.pluralLabels[language]
  const headingId = `list-group-${look.id}`
  // Why a note is unsorted, or in this group, is not obvious from the canvas: the group says it.
  const hint = outside ? t('list.outsideZoneHint') : look.id === UNSORTED ? t('list.unsortedHint') : null
  const hintId = hint ? `${headingId}-hint` : undefined
  return (
    <section
      className="tk-list-group"
      aria-labelledby={headingId}
      aria-describedby={hintId}
      data-testid={`list-group-${look.id}`}
    >
      <h3 id={headingId} style={{ borderLeftColor: look.hex }}>
        <span aria-hidden="true">{look.icon}</span> {title} <span className="tk-list-count">({notes.length})</span>
      </h3>
      {hintId ? (
        <p id={hintId} className="tk-list-hint">
          {hint}
        </p>
      ) : null}
      <ul>
        {notes.map((note) => {
          // A plain tldraw shape's text says what it was written with, in place of fields.
          const fields: { key: string; text: string }[] = note.plainShape
            ? [{ key: 'plainShape', text: t(`list.plainShape.${note.plainShape}`) }]
            : fieldDisplays(note.category, note.fields, language)
          // Here notes of any category meet: each says which it is.
          if (outside) fields.unshift({ key: 'category', text: getCategory(note.category).labels[language] })
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
