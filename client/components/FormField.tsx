import { type ReactNode, useId } from 'react'

/** What a field hands its control so that label, hint and error belong to it. */
export interface FieldControlProps {
  id: string
  'aria-invalid': boolean
  'aria-describedby': string | undefined
}

export interface FormFieldProps {
  label: ReactNode
  /** Shown under the control; an error takes its place. */
  hint?: ReactNode
  error?: ReactNode
  /** Announce the error as it appears (a field checked while typing). */
  alertError?: boolean
  /** The wrapper's class: `tk-field` on pages, `tk-note-editor-field` in the note editor. */
  className?: string
  testId?: string
  /** Renders the control (input, select, textarea) with the given id and ARIA wiring. */
  children: (control: FieldControlProps) => ReactNode
}

/**
 * A labelled form control with its hint or error underneath. One component, so that every form
 * links its label, description and invalid state the same way (screen readers read all three).
 */
export function FormField({ label, hint, error, alertError, className, testId, children }: FormFieldProps) {
  const id = useId()
  const messageId = `${id}-message`
  const hasError = error !== undefined && error !== null && error !== false
  const message = hasError ? error : hint
  const hasMessage = message !== undefined && message !== null && message !== false
  return (
    <div className={className ?? 'tk-field'} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': hasError, 'aria-describedby': hasMessage ? messageId : undefined })}
      {hasMessage ? (
        <p
          id={messageId}
          className={hasError ? 'tk-error' : 'tk-muted'}
          role={hasError && alertError ? 'alert' : undefined}
        >
          {message}
        </p>
      ) : null}
    </div>
  )
}
