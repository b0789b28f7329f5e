import { useMemo, useState } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { CATEGORIES } from '../../shared/categories.js'
import { useLanguage, useT } from '../i18n/index.js'
import { focusShape } from '../editor/focusShape.js'
import { paletteCategories } from '../model/paletteCategories.js'
import { searchNotes } from '../model/searchNotes.js'
import { useBoardSnapshot } from '../ui/useBoardSnapshot.js'
import { useBoardContext } from './BoardContext.js'
import { NoteGroup } from './NoteGroup.js'
import { PanelHeader } from './PanelHeader.js'
import { RelationList } from './RelationList.js'

/**
 * The board as a list beside the canvas: notes grouped by category, searchable, each one a
 * button that shows it on the canvas; then the relations. Built from the same snapshot as the
 * exports, it is also how a screen reader reads the board.
 */
export function PictureList({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useT()
  const language = useLanguage()
  const { board } = useBoardContext()
  const snapshot = useBoardSnapshot(editor, board)
  const [query, setQuery] = useState('')

  const found = useMemo(() => searchNotes(snapshot.notes, query, language), [snapshot, query, language])
  const byId = useMemo(() => new Map(snapshot.notes.map((note) => [note.id, note])), [snapshot])
  const templateCategories = paletteCategories(board.template).main
  const groups = CATEGORIES.map((category) => ({
    category,
    notes: found.filter((note) => note.category === category.id),
  })).filter(
    // The template's categories are always listed (an empty zone is news too); others once used.
    ({ category, notes }) => notes.length > 0 || (query === '' && templateCategories.includes(category.id)),
  )
  const filtering = query.trim() !== ''
  const show = (id: TLShapeId) => focusShape(editor, id)

  return (
    <aside id="picture-list" className="tk-list" aria-labelledby="list-title" data-testid="picture-list">
      <PanelHeader
        className="tk-list-header"
        titleId="list-title"
        title={t('list.title')}
        closeLabel={t('list.hide')}
        onClose={onClose}
      />
      <label className="tk-list-search">
        <span className="tk-visually-hidden">{t('list.search')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.search')}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      <p className="tk-list-summary" role="status" aria-live="polite" data-testid="list-summary">
        {filtering
          ? t('list.summaryFiltered', { shown: found.length, notes: snapshot.notes.length })
          : t('list.summary', { notes: snapshot.notes.length, relations: snapshot.relations.length })}
      </p>
      {snapshot.notes.length === 0 ? <p className="tk-muted">{t('list.empty')}</p> : null}
      {filtering && found.length === 0 ? <p className="tk-muted">{t('list.noMatches')}</p> : null}
      {groups.map(({ category, notes }) => (
        <NoteGroup key={category.id} category={category} notes={notes} onShow={show} />
      ))}
      {!filtering && snapshot.relations.length > 0 ? (
        <RelationList relations={snapshot.relations} notes={byId} onShow={show} />
      ) : null}
    </aside>
  )
}
