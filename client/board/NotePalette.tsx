import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { type CategoryId, getCategory, UNSORTED } from '../../shared/categories.js'
import { useLanguage, useT } from '../i18n/index.js'
import { paletteCategories } from '../model/paletteCategories.js'
import { placeNoteAtViewportCenter } from '../editor/placeNote.js'
import { getDisplayName } from '../user/userPreferences.js'
import { useBoardContext } from './BoardContext.js'

/** Buttons that add a note at the centre of the view: an automatic one, or one per category. */
export function NotePalette() {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const { board, role } = useBoardContext()
  const [showMore, setShowMore] = useState(false)
  // Read-only (a view link, or a board the facilitator has frozen): nothing to add.
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (role === 'view' || readonly) return null

  const { main, more } = paletteCategories(board.template)
  const add = (category: CategoryId, categoryChosen: boolean) =>
    placeNoteAtViewportCenter(editor, { category, categoryChosen, author: getDisplayName() })
  const categoryButton = (id: CategoryId) => {
    const category = getCategory(id)
    return (
      <li key={id}>
        <button
          type="button"
          className="tk-palette-button"
          style={{ borderLeftColor: category.hex }}
          data-category={id}
          onClick={() => add(id, true)}
        >
          <span aria-hidden="true">{category.icon}</span> {category.labels[language]}
        </button>
      </li>
    )
  }

  return (
    <nav className="tk-palette" aria-label={t('palette.title')} data-testid="note-palette">
      <h2 className="tk-palette-title">{t('palette.title')}</h2>
      <ul>
        <li>
          <button
            type="button"
            className="tk-palette-button tk-palette-auto"
            title={t('palette.autoHint')}
            aria-describedby="palette-auto-hint"
            onClick={() => add(UNSORTED, false)}
          >
            <span aria-hidden="true">📝</span> {t('palette.auto')}
          </button>
          <span id="palette-auto-hint" className="tk-visually-hidden">
            {t('palette.autoHint')}
          </span>
        </li>
        {main.map(categoryButton)}
      </ul>
      {more.length > 0 ? (
        <>
          <button
            type="button"
            className="tk-palette-more"
            aria-expanded={showMore}
            aria-controls="palette-more"
            onClick={() => setShowMore((open) => !open)}
          >
            {t('palette.more')} {showMore ? '▴' : '▾'}
          </button>
          {showMore ? <ul id="palette-more">{more.map(categoryButton)}</ul> : null}
        </>
      ) : null}
    </nav>
  )
}
