import { type Signal, useValue } from 'tldraw'
import type { Role } from '../../shared/api.js'
import { closeMessageKey } from '../i18n/closeMessages.js'
import { type MessageKey, useT } from '../i18n/index.js'
import type { ConnectionPhase, ConnectionState } from '../sync/boardConnection.js'
import { closeCodeInfo } from '../sync/closeCodes.js'

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

/** Connection state and the user's role, always visible on the board. */
export function ConnectionBadge({ state, role }: { state: Signal<ConnectionState>; role: Role }) {
  const t = useT()
  const { phase, closeCode } = useValue('connection state', () => state.get(), [state])
  const closeInfo = closeCode === null ? null : closeCodeInfo(closeCode)
  // Why we are not connected, when the server told us; otherwise reassure that edits are kept.
  // A permanent refusal ('closed') gets its own banner on the board instead.
  const detail =
    phase === 'connected' || phase === 'connecting' || phase === 'closed'
      ? null
      : closeInfo
        ? t(closeMessageKey(closeInfo.name))
        : phase === 'offline' && role !== 'view'
          ? t('connection.offlineHint')
          : null

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
      <span className={`tk-badge tk-role tk-role-${role}`} data-testid="role-badge" data-role={role}>
        {t(ROLE_LABELS[role])}
      </span>
      {detail ? (
        <span className="tk-badge-detail" data-testid="connection-detail">
          {detail}
        </span>
      ) : null}
    </div>
  )
}
