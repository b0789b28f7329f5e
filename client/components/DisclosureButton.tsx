import type { ReactNode } from 'react'

export interface DisclosureButtonProps {
  className: string
  /** Whether the part it shows is shown now. */
  expanded: boolean
  /** The id of the part it shows and hides. */
  controls: string
  /** An accessible name, where the text alone does not say enough. */
  label?: string
  testId?: string
  onClick: () => void
  children: ReactNode
}

/**
 * A button that shows and hides another part of the page, and tells assistive technology which
 * part and whether it is shown now.
 */
export function DisclosureButton(props: DisclosureButtonProps) {
  return (
    <button
      type="button"
      className={props.className}
      aria-label={props.label}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  )
}
