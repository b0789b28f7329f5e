import { type KeyboardEvent, useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'
import type { Round } from '../../shared/voting.js'
import { useT } from '../i18n/index.js'
import { RoundResults } from './RoundResults.js'

/**
 * A round's results over the whole window, large enough for the room's shared screen. Escape or
 * the close button ends it and gives the focus back to where it was; Tab stays inside.
 */
export function ResultsPresentation(props: { round: Round; name: string; onClose: () => void }) {
  const t = useT()
  const id = useId()
  const dialog = useRef<HTMLDivElement>(null)
  const close = useRef<HTMLButtonElement>(null)
  const { onClose } = props

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    close.current?.focus()
    return () => before?.focus()
  }, [])
  useEffect(() => {
    // Captured before the canvas sees it: Escape there would only deselect shapes.
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      onClose()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [onClose])

  const keepFocusInside = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !dialog.current) return
    const focusable = [
      ...dialog.current.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])'),
    ]
    const first = focusable[0]
    const last = focusable.at(-1)
    if (!first || !last) return
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault()
      ;(event.shiftKey ? last : first).focus()
    }
  }

  return createPortal(
    <div
      ref={dialog}
      className="tk-presentation"
      role="dialog"
      aria-modal="true"
      aria-label={t('voting.results', { name: props.name })}
      aria-describedby={`${id}-hint`}
      data-testid="results-presentation"
      onKeyDown={keepFocusInside}
    >
      <div className="tk-presentation-bar">
        <p id={`${id}-hint`} className="tk-muted">
          {t('voting.presentationHint')}
        </p>
        <button ref={close} type="button" className="tk-button" onClick={onClose}>
          {t('voting.exitPresentation')}
        </button>
      </div>
      <RoundResults round={props.round} name={props.name} headingLevel={2} />
    </div>,
    document.body,
  )
}
