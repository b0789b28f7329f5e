import { useId, useRef } from 'react'
import { Button } from './Button.js'
import { useModalDialog } from './useModalDialog.js'

export interface ConfirmDialogProps {
  title: string
  body: string
  confirmLabel: string
  cancelLabel: string
  /** While true the buttons are disabled (the action is under way). */
  busy?: boolean
  testId?: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * Asks before an action that cannot be undone. Cancel has the focus first, so Enter pressed out
 * of habit does nothing harmful; Escape cancels.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ids = useId()
  const cancelButton = useRef<HTMLButtonElement>(null)
  const dialog = useModalDialog(() => {
    if (!props.busy) props.onCancel()
  }, cancelButton)
  return (
    <dialog
      ref={dialog}
      className="tk-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-body`}
      data-testid={props.testId}
    >
      <h2 id={`${ids}-title`}>{props.title}</h2>
      <p id={`${ids}-body`}>{props.body}</p>
      <div className="tk-actions tk-dialog-actions">
        <Button ref={cancelButton} variant="secondary" disabled={props.busy} onClick={props.onCancel}>
          {props.cancelLabel}
        </Button>
        <Button variant="danger" disabled={props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  )
}
