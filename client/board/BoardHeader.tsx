import { type ReactNode, useState } from 'react'
import { type Editor, useValue } from 'tldraw'
import { ConnectionBadge } from '../components/ConnectionBadge.js'
import { LanguageSwitch } from '../components/LanguageSwitch.js'
import { ShareLinks } from '../components/ShareLinks.js'
import { useT } from '../i18n/index.js'
import { useBoardContext } from './BoardContext.js'
import { FilesPanel } from './FilesPanel.js'

type OpenPanel = 'share' | 'files' | null

/**
 * The bar above the canvas: title, connection and role, the list view, export and import,
 * sharing and language. It sits outside tldraw's UI so that it never competes with tldraw's own
 * panels for room, whatever the width of the canvas.
 */
export function BoardHeader({ editor }: { editor: Editor | null }) {
  const t = useT()
  const { board, role, token, connection, openShareInitially, listOpen } = useBoardContext()
  const [panel, setPanel] = useState<OpenPanel>(openShareInitially && role === 'facilitator' ? 'share' : null)
  const toggle = (which: Exclude<OpenPanel, null>) => setPanel((open) => (open === which ? null : which))
  const isListOpen = useValue('list open', () => listOpen.get(), [listOpen])

  return (
    <header className="tk-board-header">
      <div className="tk-top-bar">
        <h1 className="tk-board-title" title={board.title}>
          {board.title}
        </h1>
        <ConnectionBadge state={connection.state} role={role} />
        <div className="tk-top-actions">
          <button
            type="button"
            className="tk-button tk-button-secondary"
            aria-expanded={isListOpen}
            aria-controls="picture-list"
            data-testid="list-button"
            onClick={() => listOpen.set(!isListOpen)}
          >
            {isListOpen ? t('list.hide') : t('list.show')}
          </button>
          <PanelToggle open={panel === 'files'} secondary testId="files-button" onClick={() => toggle('files')}>
            {t('files.open')}
          </PanelToggle>
          {role === 'facilitator' ? (
            <PanelToggle open={panel === 'share'} testId="share-button" onClick={() => toggle('share')}>
              {t('share.open')}
            </PanelToggle>
          ) : null}
          <LanguageSwitch />
        </div>
      </div>
      {panel === null ? null : (
        <div className="tk-header-panel">
          {panel === 'share' ? <ShareLinks boardId={board.id} token={token} onClose={() => setPanel(null)} /> : null}
          {panel === 'files' ? <FilesPanel editor={editor} onClose={() => setPanel(null)} /> : null}
        </div>
      )}
    </header>
  )
}

/** A header button that opens and closes one of the header's panels. */
function PanelToggle(props: {
  open: boolean
  secondary?: boolean
  testId: string
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={props.secondary ? 'tk-button tk-button-secondary' : 'tk-button'}
      aria-expanded={props.open}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  )
}
