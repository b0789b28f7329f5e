import { type ReactNode, useId } from 'react'
import { PanelHeader } from './PanelHeader.js'

export interface PanelProps {
  /** The panel's own class, besides tk-panel (what is inside it, a width of its own). */
  className: string
  testId: string
  title: string
  closeLabel: string
  /** A command is under way: assistive technology waits for the panel to settle. */
  busy?: boolean
  onClose: () => void
  children: ReactNode
}

/** A panel over the board: a dialog (not modal) named by its heading, with a close button beside it. */
export function Panel(props: PanelProps) {
  const titleId = useId()
  return (
    <section
      className={`tk-panel ${props.className}`}
      role="dialog"
      aria-labelledby={titleId}
      aria-busy={props.busy}
      data-testid={props.testId}
    >
      <PanelHeader titleId={titleId} title={props.title} closeLabel={props.closeLabel} onClose={props.onClose} />
      {props.children}
    </section>
  )
}
