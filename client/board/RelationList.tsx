import type { TLShapeId } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { RELATION_LABELS } from '../../shared/relations.js'
import type { SnapshotNote, SnapshotRelation } from '../../shared/snapshot.js'
import { useLanguage, useT } from '../i18n/index.js'
import { shortText } from '../editor/focusShape.js'

interface RelationListProps {
  relations: readonly SnapshotRelation[]
  notes: ReadonlyMap<string, SnapshotNote>
  onShow: (id: TLShapeId) => void
}

/** The relations of the picture in the list view: from → to, and what kind of relation it is. */
export function RelationList({ relations, notes, onShow }: RelationListProps) {
  const t = useT()
  const language = useLanguage()
  const name = (id: string) => {
    const note = notes.get(id)
    return note ? shortText(note.text, getCategory(note.category).labels[language], 40) : '?'
  }
  return (
    <section className="tk-list-group" aria-labelledby="list-relations" data-testid="list-relations">
      <h3 id="list-relations">
        <span aria-hidden="true">↔</span> {t('list.relations')}{' '}
        <span className="tk-list-count">({relations.length})</span>
      </h3>
      <ul>
        {relations.map((relation) => (
          <li key={relation.id}>
            <button type="button" className="tk-list-item" onClick={() => onShow(relation.id as TLShapeId)}>
              {t('list.relationItem', {
                from: name(relation.from),
                to: name(relation.to),
                kind: RELATION_LABELS[relation.kind][language],
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
