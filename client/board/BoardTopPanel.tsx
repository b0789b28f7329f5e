import { useValue } from 'tldraw'
import { closeMessageKey } from '../i18n/closeMessages.js'
import { useT } from '../i18n/index.js'
import { closeCodeInfo } from '../sync/closeCodes.js'
import { useBoardContext } from './BoardContext.js'
import { FacilitationBanners } from './FacilitationBanners.js'
import { RelationPanel } from './RelationPanel.js'

/** Floats at the top of the canvas: warnings about the board's state, and the selected relation. */
export function BoardTopPanel() {
  const t = useT()
  const { role, connection, schemaTooNew } = useBoardContext()
  const isSchemaTooNew = useValue('schema too new', () => schemaTooNew.get(), [schemaTooNew])
  const { phase, closeCode } = useValue('connection state', () => connection.state.get(), [connection])
  // A permanent refusal (link revoked, board gone) is worth more than a badge: say it plainly.
  const closedInfo = phase === 'closed' && closeCode !== null ? closeCodeInfo(closeCode) : null
  const closedMessage = closedInfo ? closeMessageKey(closedInfo.name) : undefined

  return (
    <div className="tk-top-panel">
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
      <FacilitationBanners />
      <RelationPanel />
    </div>
  )
}
