import { type Signal, useValue } from 'tldraw'
import type { Role } from '../../shared/api.js'
import { closeMessageKey } from '../i18n/closeMessages.js'
import { type MessageKey, useT } from '../i18n/index.js'
import type { LocalCopyState } from '../offline/localCopy.js'
import type { ConnectionPhase, ConnectionState } from '../sync/boardConnection.js'
import { closeCodeInfo } from '../sync/closeCodes.js'
import '../offline/offline.css'

const PHASE_LABELS: Record<ConnectionPhase, MessageKey> = {
  connecting: 'connection.connecting',
  connected: 'connection.connected',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  closed: 'connection.offline',
}

const ROLE_LABELS: Record<Role, MessageKey> = {
  facilitator: 'role.facilitator',
  edit: 'role.edit',
  view: 'role.view',
}

const OFFLINE_MODE_OFF: Record<Extract<LocalCopyState, { status: 'off' }>['reason'], MessageKey> = {
  unavailable: 'offline.offUnavailable',
  full: 'offline.offFull',
  forgotten: 'offline.offForgotten',
}

/**
 * Connection state, how many of this device's changes the server has not yet confirmed, whether
 * the board is kept on this device (said only when it is not), and the user's role: always
 * visible on the board.
 */
export function ConnectionBadge({ state, role }: { state: Signal<ConnectionState>; role: Role }) {
  const t = useT()
  const { phase, closeCode, unconfirmed, localCopy } = useValue('connection state', () => state.get(), [state])
  const closeInfo = closeCode === null ? null : closeCodeInfo(closeCode)
  // Why we are not connected, when the server told us; otherwise reassure that edits are kept.
  // A permanent refusal ('closed') gets its own banner on the board instead.
  const detail =
    phase === 'connected' || phase === 'connecting' || phase === 'closed'
      ? null
      : closeInfo
        ? t(closeMessageKey(closeInfo.name))
        : phase === 'offline' && role !== 'view'
          ? t(localCopy.status === 'off' ? 'connection.offlineHint' : 'offline.offlineHintKept')
          : null
  // Said once in words too: a title alone reaches no one on a touch screen.
  const shownDetail = detail ?? (localCopy.status === 'off' ? t(OFFLINE_MODE_OFF[localCopy.reason]) : null)

  return (
    <div className="tk-badges">
      <span
        className={`tk-badge tk-badge-${phase}`}
        role="status"
        aria-live="polite"
        data-testid="connection-badge"
        data-phase={phase}
        title={detail ?? undefined}
      >
        <span className="tk-dot" aria-hidden="true" />
        {t(PHASE_LABELS[phase])}
      </span>
      {/* Not a live region: it changes with every keystroke while the server is away. */}
      <span
        className={`tk-badge tk-unconfirmed${unconfirmed > 0 ? ' tk-unconfirmed-waiting' : ''}`}
        data-testid="unconfirmed-changes"
        data-count={unconfirmed}
        title={t('offline.unconfirmedLong', { count: unconfirmed })}
      >
        {t('offline.unconfirmedShort', { count: unconfirmed })}
      </span>
      {localCopy.status === 'off' ? (
        <span
          className="tk-badge tk-offline-mode-off"
          data-testid="offline-mode-off"
          data-reason={localCopy.reason}
          title={t(OFFLINE_MODE_OFF[localCopy.reason])}
        >
          {t('offline.off')}
        </span>
      ) : null}
      <span className={`tk-badge tk-role tk-role-${role}`} data-testid="role-badge" data-role={role}>
        {t(ROLE_LABELS[role])}
      </span>
      {shownDetail ? (
        <span className="tk-badge-detail" data-testid="connection-detail">
          {shownDetail}
        </span>
      ) : null}
    </div>
  )
}
