import { useId } from 'react'
import { type BoardChanges, noChanges } from '../../shared/changes.js'
import { getCategory } from '../../shared/categories.js'
import { type MessageKey, useLanguage, useT } from '../i18n/index.js'
import { fieldChanges, oneLine } from './changeText.js'

/** "Changes since": per category, the notes added, removed, edited (old → new) and moved; then relations and votes. */
export function ChangesSummary({ changes }: { changes: BoardChanges }) {
  const t = useT()
  const language = useLanguage()
  const ids = useId()
  if (noChanges(changes)) return <p className="tk-muted">{t('history.noChanges')}</p>
  const texts = new Map<string, string>()
  for (const note of [...changes.removed, ...changes.added]) texts.set(note.id, note.text)
  const edited = new Map(changes.edited.map((note) => [note.id, note]))
  const moved = new Map(changes.moved.map((note) => [note.id, note]))
  for (const note of changes.moved) texts.set(note.id, note.text)
  const categoryName = (id: Parameters<typeof getCategory>[0]) => getCategory(id).labels[language]
  const lines: {
    key: MessageKey
    kind: string
    items: (group: BoardChanges['byCategory'][number]) => [id: string, text: string][]
  }[] = [
    {
      key: 'history.added',
      kind: 'added',
      items: (group) => group.added.map((id) => [id, oneLine(texts.get(id) ?? id)]),
    },
    {
      key: 'history.edited',
      kind: 'edited',
      items: (group) =>
        group.edited.map((id) => {
          const note = edited.get(id)
          if (!note) return [id, id]
          const fieldsText = fieldChanges(note, language).join('; ')
          if (!note.textChanged) return [id, `${oneLine(note.after.text)} (${fieldsText})`]
          const text = `${oneLine(note.before.text)} → ${oneLine(note.after.text)}`
          return [id, fieldsText ? `${text}; ${fieldsText}` : text]
        }),
    },
    {
      key: 'history.movedIn',
      kind: 'moved',
      items: (group) =>
        group.movedIn.map((id) => {
          const note = moved.get(id)
          const text = note
            ? `${oneLine(note.text)} (${t('history.fromCategory', { category: categoryName(note.from) })})`
            : id
          return [id, text]
        }),
    },
    {
      key: 'history.removed',
      kind: 'removed',
      items: (group) => group.removed.map((id) => [id, oneLine(texts.get(id) ?? id)]),
    },
  ]
  return (
    <div className="tk-changes" data-testid="changes-summary">
      {changes.byCategory.map((group) => {
        const headingId = `${ids}-${group.category}`
        const sections = lines
          .map((line) => ({ ...line, list: line.items(group) }))
          .filter((line) => line.list.length > 0)
        if (sections.length === 0) return null
        return (
          <section key={group.category} aria-labelledby={headingId} data-category={group.category}>
            <h4 id={headingId}>{getCategory(group.category).pluralLabels[language]}</h4>
            {sections.map((section) => (
              <div key={section.kind} className={`tk-changes-${section.kind}`}>
                <p className="tk-changes-label">
                  {t(section.key)} ({section.list.length})
                </p>
                <ul>
                  {section.list.map(([id, text]) => (
                    <li key={id}>{text}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        )
      })}
      {changes.relationsAdded.length + changes.relationsRemoved.length > 0 ? (
        <p className="tk-muted">
          {t('history.relations', { added: changes.relationsAdded.length, removed: changes.relationsRemoved.length })}
        </p>
      ) : null}
      {changes.votesChanged.length > 0 ? (
        <p className="tk-muted">
          {t('history.votes', { count: new Set(changes.votesChanged.map((v) => v.noteId)).size })}
        </p>
      ) : null}
    </div>
  )
}
