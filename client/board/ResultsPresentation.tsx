import { useId, useRef } from 'react'
import type { Round } from '../../shared/voting.js'
import { useModalDialog } from '../components/useModalDialog.js'
import { useT } from '../i18n/index.js'
import { RoundResults } from './RoundResults.js'

/**
 * A round's results over the whole window, large enough for the room's shared screen: a modal
 * dialog (useModalDialog), so the keyboard stays inside it, Escape or the close button ends it,
 * and the focus goes back to where it was.
 */
export function ResultsPresentation(props: { round: Round; name: string; onClose: () => void }) {
  const t = useT()
  const id = useId()
  const close = useRef<HTMLButtonElement>(null)
  const dialog = useModalDialog(props.onClose, close)

  return (
    <dialog
      ref={dialog}
      className="tk-presentation"
      aria-modal="true"
      aria-label={t('voting.results', { name: props.name })}
      aria-describedby={`${id}-hint`}
      data-testid="results-presentation"
    >
      <div className="tk-presentation-bar">
        <p id={`${id}-hint`} className="tk-muted">
          {t('voting.presentationHint')}
        </p>
        <button ref={close} type="button" className="tk-button" onClick={props.onClose}>
          {t('voting.exitPresentation')}
        </button>
      </div>
      <RoundResults round={props.round} name={props.name} headingLevel={2} />
    </dialog>
  )
}
