import { useRef, useState, useSyncExternalStore } from 'react'
import { ConfirmDialog } from '../components/ConfirmDialog.js'
import { type MessageKey, useLanguage, useT } from '../i18n/index.js'
import { type BoardOnDevice, boardsOnDevice, forgetBoard, subscribeBoardsOnDevice } from './boardsOnDevice.js'
import './offline.css'

const ROLE_LABELS: Record<BoardOnDevice['role'], MessageKey> = {
  facilitator: 'role.facilitator',
  edit: 'role.edit',
  view: 'role.view',
}

// useSyncExternalStore wants the same value until something changed: the list is re-read then.
let cached: { version: number; boards: BoardOnDevice[] } = { version: -1, boards: [] }
let version = 0
const subscribe = (listener: () => void) =>
  subscribeBoardsOnDevice(() => {
    version++
    listener()
  })
const snapshot = () => {
  if (cached.version !== version) cached = { version, boards: boardsOnDevice() }
  return cached.boards
}

/**
 * The boards this device has opened (home page), each opening from the device, with "forget this
 * board" removing its link, identity and offline copy from the device after a confirmation.
 */
export function BoardsOnDeviceList() {
  const t = useT()
  const language = useLanguage()
  const boards = useSyncExternalStore(subscribe, snapshot, snapshot)
  const [forgetting, setForgetting] = useState<BoardOnDevice | null>(null)
  const [busy, setBusy] = useState(false)
  const [forgotten, setForgotten] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })

  const confirm = async () => {
    if (!forgetting) return
    setBusy(true)
    await forgetBoard(forgetting.board.id)
    setBusy(false)
    setForgotten(forgetting.board.title)
    setForgetting(null)
    // Its button is gone with it: keep the keyboard in the list rather than at the page's start.
    heading.current?.focus()
  }

  if (boards.length === 0 && forgotten === null) return null
  return (
    <section className="tk-card tk-device-boards" aria-labelledby="device-boards-title" data-testid="device-boards">
      <h2 id="device-boards-title" ref={heading} tabIndex={-1}>
        {t('device.title')}
      </h2>
      <p className="tk-muted">{t('device.hint')}</p>
      {boards.length > 0 ? (
        <ul>
          {boards.map((entry) => (
            <li key={entry.board.id} data-testid="device-board" data-board-id={entry.board.id}>
              <div>
                <a href={`/b/${encodeURIComponent(entry.board.id)}`}>{entry.board.title}</a>
                <span className="tk-device-board-meta">
                  {t('device.meta', { role: t(ROLE_LABELS[entry.role]), date: dates.format(new Date(entry.openedAt)) })}
                </span>
              </div>
              <button
                type="button"
                className="tk-button tk-button-secondary"
                aria-label={t('device.forgetBoard', { title: entry.board.title })}
                onClick={() => setForgetting(entry)}
              >
                {t('device.forget')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="tk-muted" data-testid="device-forgotten">
        {forgotten === null ? '' : t('device.forgotten', { title: forgotten })}
      </p>
      {forgetting ? (
        <ConfirmDialog
          title={t('device.confirmTitle', { title: forgetting.board.title })}
          body={t('device.confirmBody')}
          confirmLabel={t('device.forget')}
          cancelLabel={t('device.cancel')}
          busy={busy}
          testId="forget-board-dialog"
          onConfirm={() => void confirm()}
          onCancel={() => setForgetting(null)}
        />
      ) : null}
    </section>
  )
}
