import { useId, useMemo, useRef } from 'react'
import { useT } from '../i18n/index.js'
import { readableLink } from '../share/boardLinksApi.js'
import { qrPath } from '../share/qrCode.js'
import { useModalDialog } from './useModalDialog.js'

export interface PresenterViewProps {
  boardTitle: string
  /** The short join link, absolute (https://host/j/XXXX-XXXX-XXXX). */
  joinLink: string
  joinCode: string
  onClose: () => void
}

/**
 * "Esitysnäkymä": the board's title, a QR code of the short join link and the link itself in type
 * large enough to read from the back of a room, on the whole screen. Only the join link is shown:
 * a projected screen must never show a facilitator token.
 */
export function PresenterView({ boardTitle, joinLink, joinCode, onClose }: PresenterViewProps) {
  const t = useT()
  const ids = useId()
  const closeButton = useRef<HTMLButtonElement>(null)
  const dialog = useModalDialog(onClose, closeButton)
  const qr = useMemo(() => qrPath(joinLink), [joinLink])
  const readable = readableLink(joinLink)
  // The code is set apart on its own line; the rest of the address is what leads to it.
  const prefix = readable.endsWith(joinCode) ? readable.slice(0, readable.length - joinCode.length) : readable

  return (
    <dialog
      ref={dialog}
      className="tk-presenter"
      aria-modal="true"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-instructions`}
      data-testid="presenter-view"
    >
      <button ref={closeButton} type="button" className="tk-button tk-presenter-close" onClick={onClose}>
        {t('presenter.close')}
      </button>
      <div className="tk-presenter-body">
        <svg
          className="tk-presenter-qr"
          viewBox={`0 0 ${qr.size} ${qr.size}`}
          role="img"
          aria-label={t('presenter.qrLabel', { link: readable })}
          shapeRendering="crispEdges"
          data-testid="presenter-qr"
        >
          <rect width={qr.size} height={qr.size} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
        <div className="tk-presenter-text">
          <h2 id={`${ids}-title`} className="tk-presenter-title">
            {boardTitle}
          </h2>
          <p className="tk-presenter-join">{t('presenter.join')}</p>
          <p id={`${ids}-instructions`} className="tk-presenter-instructions">
            {t('presenter.instructions')}
          </p>
          <p className="tk-presenter-link" data-testid="presenter-link">
            {prefix === readable ? (
              readable
            ) : (
              <>
                <span className="tk-presenter-host">{prefix}</span>
                <wbr />
                <span className="tk-presenter-code">{joinCode}</span>
              </>
            )}
          </p>
        </div>
      </div>
    </dialog>
  )
}
