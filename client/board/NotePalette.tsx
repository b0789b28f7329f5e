import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { type CategoryId, getCategory, UNSORTED } from '../../shared/categories.js'
import { DisclosureButton } from '../components/DisclosureButton.js'
import { placeNewNote } from '../editor/placeNote.js'
import { useViewInsets } from '../editor/viewInsets.js'
import { useLanguage, useT } from '../i18n/index.js'
import { SHEET_BELOW_WIDTH } from '../model/editorPlacement.js'
import { paletteCategories } from '../model/paletteCategories.js'
import { getDisplayName } from '../user/userPreferences.js'
import { useBoardContext } from './BoardContext.js'

/**
 * Buttons that add a note: an automatic one (at the centre of the view), or one per category
 * (into its zone). On a narrow screen the palette is one "+" button that opens it as a sheet,
 * so it never covers the board.
 */
export function NotePalette() {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const { board, role } = useBoardContext()
  const [showMore, setShowMore] = useState(false)
  const [open, setOpen] = useState(false)
  // Read-only (a view link, or a board the facilitator has frozen): nothing to add.
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const insets = useViewInsets()
  const narrow = useValue('narrow view', () => editor.getViewportScreenBounds().w < SHEET_BELOW_WIDTH, [editor])
  if (role === 'view' || readonly) return null

  const { main, more } = paletteCategories(board.template)
  const add = (category: CategoryId, categoryChosen: boolean) => {
    setOpen(false)
    placeNewNote(editor, { category, categoryChosen, author: getDisplayName() })
  }
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

  if (narrow && !open) {
    return (
      <nav
        className="tk-palette-collapsed"
        style={{ bottom: insets.bottom + 12 }}
        aria-label={t('palette.title')}
        data-testid="note-palette"
      >
        <DisclosureButton
          className="tk-palette-toggle"
          label={t('palette.open')}
          expanded={false}
          controls="note-palette-sheet"
          testId="palette-toggle"
          onClick={() => setOpen(true)}
        >
          <span aria-hidden="true">+</span>
        </DisclosureButton>
      </nav>
    )
  }

  return (
    <nav
      id="note-palette-sheet"
      className={narrow ? 'tk-palette tk-palette-sheet' : 'tk-palette'}
      style={narrow ? { bottom: insets.bottom } : undefined}
      aria-label={t('palette.title')}
      data-testid="note-palette"
    >
      <div className="tk-palette-head">
        <h2 className="tk-palette-title">{t('palette.title')}</h2>
        {narrow ? (
          <DisclosureButton
            className="tk-button tk-palette-close"
            expanded={true}
            controls="note-palette-sheet"
            testId="palette-toggle"
            onClick={() => setOpen(false)}
          >
            {t('palette.close')}
          </DisclosureButton>
        ) : null}
      </div>
      <ul>
        <li>
          <button
            type="button"
            className="tk-palette-button tk-palette-auto"
            data-category={UNSORTED}
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
          <DisclosureButton
            className="tk-palette-more"
            expanded={showMore}
            controls="palette-more"
            onClick={() => setShowMore((shown) => !shown)}
          >
            {t('palette.more')} {showMore ? '▴' : '▾'}
          </DisclosureButton>
          {showMore ? <ul id="palette-more">{more.map(categoryButton)}</ul> : null}
        </>
      ) : null}
    </nav>
  )
}
