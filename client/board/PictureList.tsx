import { useMemo, useState } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { CATEGORIES } from '../../shared/categories.js'
import { isOutsideItsZone } from '../../shared/notePlacement.js'
import type { SnapshotNote } from '../../shared/snapshot.js'
import { useLanguage, useT } from '../i18n/index.js'
import { focusShape } from '../editor/focusShape.js'
import { paletteCategories } from '../model/paletteCategories.js'
import { searchNotes } from '../model/searchNotes.js'
import { useBoardSnapshot } from '../ui/useBoardSnapshot.js'
import { useBoardContext } from './BoardContext.js'
import { NoteGroup } from './NoteGroup.js'
import { PanelHeader } from './PanelHeader.js'
import { RelationList } from './RelationList.js'

/** Where the list becomes a sheet over the canvas (styles.css says the same). */
const PHONE_LAYOUT = '(max-width: 599px)'

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
  const zoneCategories = new Set(
    (snapshot.zones ?? []).filter((zone) => zone.kind === 'category').map((zone) => zone.category),
  )
  const isOutside = (note: SnapshotNote) =>
    !note.plainShape && isOutsideItsZone(note.category, note.zone?.category ?? null, zoneCategories)
  const outside = found.filter(isOutside)
  const groups = CATEGORIES.map((category) => ({
    category,
    notes: found.filter((note) => note.category === category.id && !isOutside(note)),
  })).filter(
    // The template's categories are always listed (an empty zone is news too); others once used.
    ({ category, notes }) => notes.length > 0 || (query === '' && templateCategories.includes(category.id)),
  )
  const filtering = query.trim() !== ''
  const show = (id: TLShapeId) => {
    focusShape(editor, id)
    // On a phone the list covers the canvas: step aside to show the note.
    if (window.matchMedia(PHONE_LAYOUT).matches) onClose()
  }

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
      {outside.length > 0 ? <NoteGroup category="outside" notes={outside} onShow={show} /> : null}
      {!filtering && snapshot.relations.length > 0 ? (
        <RelationList relations={snapshot.relations} notes={byId} onShow={show} />
      ) : null}
    </aside>
  )
}
