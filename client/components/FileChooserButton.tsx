import { type ReactNode, useRef } from 'react'

/**
 * A button that opens the browser's file chooser: the file input itself stays out of sight and
 * out of the tab order, so keyboard and screen-reader users meet one labelled button.
 */
export function FileChooserButton({
  accept,
  busy,
  testId,
  describedBy,
  onFile,
  children,
}: {
  accept: string
  busy: boolean
  /** On the hidden input, where tests set the file. */
  testId: string
  describedBy?: string
  onFile: (file: File) => void
  children: ReactNode
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="tk-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so that choosing the same file again is a new choice.
          event.target.value = ''
          if (file) onFile(file)
        }}
      />
      <button
        type="button"
        className="tk-button tk-button-secondary"
        aria-describedby={describedBy}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
    </>
  )
}
