import { useState } from 'react'
import { useValue } from 'tldraw'
import { ConnectionBadge } from '../components/ConnectionBadge.js'
import { LanguageSwitch } from '../components/LanguageSwitch.js'
import { ShareLinks } from '../components/ShareLinks.js'
import { useT } from '../i18n/index.js'
import { closeCodeInfo } from '../sync/closeCodes.js'
import { useBoardContext } from './BoardContext.js'

/** The strip above the canvas: title, connection and role, sharing, language, and warnings. */
export function BoardTopPanel() {
  const t = useT()
  const { board, role, connection, schemaTooNew, openShareInitially } = useBoardContext()
  const [sharing, setSharing] = useState(openShareInitially && role === 'facilitator')
  const isSchemaTooNew = useValue('schema too new', () => schemaTooNew.get(), [schemaTooNew])
  const { phase, closeCode } = useValue('connection state', () => connection.state.get(), [connection])
  // A permanent refusal (link revoked, board gone) is worth more than a badge: say it plainly.
  const closedMessage = phase === 'closed' && closeCode !== null ? closeCodeInfo(closeCode)?.messageKey : undefined

  return (
    <div className="tk-top-panel">
      <div className="tk-top-bar">
        <h1 className="tk-board-title" title={board.title}>
          {board.title}
        </h1>
        <ConnectionBadge state={connection.state} role={role} />
        {role === 'facilitator' ? (
          <button
            type="button"
            className="tk-button"
            aria-expanded={sharing}
            data-testid="share-button"
            onClick={() => setSharing((open) => !open)}
          >
            {t('share.open')}
          </button>
        ) : null}
        <LanguageSwitch />
      </div>
      {role === 'view' ? <p className="tk-banner tk-banner-info">{t('board.readonlyBanner')}</p> : null}
      {closedMessage ? (
        <p className="tk-banner tk-banner-error" role="alert">
          {t(closedMessage)}
        </p>
      ) : null}
      {isSchemaTooNew ? (
        <p className="tk-banner tk-banner-error" role="alert">
          {t('error.schemaTooNew.body')}{' '}
          <button type="button" className="tk-button" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </button>
        </p>
      ) : null}
      {sharing ? <ShareLinks boardId={board.id} onClose={() => setSharing(false)} /> : null}
    </div>
  )
}
