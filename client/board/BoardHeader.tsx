import { type ReactNode, useState } from 'react'
import { type Editor, useValue } from 'tldraw'
import { ConnectionBadge } from '../components/ConnectionBadge.js'
import { DisclosureButton } from '../components/DisclosureButton.js'
import { LanguageSwitch } from '../components/LanguageSwitch.js'
import { ShareLinks } from '../components/ShareLinks.js'
import { useT } from '../i18n/index.js'
import { useFacilitation } from '../facilitation/useFacilitation.js'
import { useBoardContext } from './BoardContext.js'
import { FacilitationPanel } from './FacilitationPanel.js'
import { FilesPanel } from './FilesPanel.js'
import { HistoryPanel } from './HistoryPanel.js'
import { PeoplePanel } from './PeoplePanel.js'
import { TimerBadge } from './TimerBadge.js'
import { VotingPanel } from './VotingPanel.js'
import { VotingStatus } from './VotingStatus.js'
import { useVotingSession } from '../voting/VotingContext.js'

type OpenPanel = 'share' | 'files' | 'people' | 'facilitation' | 'voting' | 'history' | null

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
  // Facilitators always see who is here; others while the facilitator shows them.
  const { peopleVisible } = useFacilitation()
  const canSeePeople = role === 'facilitator' || peopleVisible
  // Voting is offered once there is a round (facilitators open them).
  const voting = useVotingSession()
  const hasRounds = useValue('has rounds', () => (voting?.state.get().rounds.length ?? 0) > 0, [voting])
  const canSeeVoting = role === 'facilitator' || hasRounds
  const shown = (panel === 'people' && !canSeePeople) || (panel === 'voting' && !canSeeVoting) ? null : panel

  return (
    <header className="tk-board-header">
      <div className="tk-top-bar">
        <h1 className="tk-board-title" title={board.title}>
          {board.title}
        </h1>
        <ConnectionBadge state={connection.state} role={role} />
        <TimerBadge />
        <VotingStatus />
        <div className="tk-top-actions">
          <DisclosureButton
            className="tk-button tk-button-secondary"
            expanded={isListOpen}
            controls="picture-list"
            testId="list-button"
            onClick={() => listOpen.set(!isListOpen)}
          >
            {isListOpen ? t('list.hide') : t('list.show')}
          </DisclosureButton>
          <PanelToggle open={panel === 'files'} secondary testId="files-button" onClick={() => toggle('files')}>
            {t('files.open')}
          </PanelToggle>
          {canSeePeople ? (
            <PanelToggle open={shown === 'people'} secondary testId="people-button" onClick={() => toggle('people')}>
              {t('people.open')}
            </PanelToggle>
          ) : null}
          {canSeeVoting ? (
            <PanelToggle open={shown === 'voting'} secondary testId="voting-button" onClick={() => toggle('voting')}>
              {t('voting.open')}
            </PanelToggle>
          ) : null}
          {role === 'facilitator' ? (
            <PanelToggle
              open={panel === 'facilitation'}
              testId="facilitation-button"
              onClick={() => toggle('facilitation')}
            >
              {t('facilitation.open')}
            </PanelToggle>
          ) : null}
          {role === 'facilitator' ? (
            <PanelToggle open={panel === 'history'} secondary testId="history-button" onClick={() => toggle('history')}>
              {t('history.open')}
            </PanelToggle>
          ) : null}
          {role === 'facilitator' ? (
            <PanelToggle open={panel === 'share'} testId="share-button" onClick={() => toggle('share')}>
              {t('share.open')}
            </PanelToggle>
          ) : null}
          <LanguageSwitch />
        </div>
      </div>
      {shown === null ? null : (
        <div className="tk-header-panel">
          {panel === 'share' ? (
            <ShareLinks boardId={board.id} boardTitle={board.title} token={token} onClose={() => setPanel(null)} />
          ) : null}
          {panel === 'files' ? <FilesPanel editor={editor} onClose={() => setPanel(null)} /> : null}
          {shown === 'people' ? <PeoplePanel editor={editor} onClose={() => setPanel(null)} /> : null}
          {panel === 'facilitation' ? <FacilitationPanel editor={editor} onClose={() => setPanel(null)} /> : null}
          {shown === 'voting' ? <VotingPanel onClose={() => setPanel(null)} /> : null}
          {panel === 'history' ? <HistoryPanel editor={editor} onClose={() => setPanel(null)} /> : null}
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
