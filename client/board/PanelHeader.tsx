/** A side panel's heading with its close button. */
export function PanelHeader(props: {
  titleId: string
  title: string
  closeLabel: string
  onClose: () => void
  className?: string
}) {
  return (
    // Not a banner landmark: the page has one already (axe: landmark-no-duplicate-banner).
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a header inside a panel, not the page's banner
    <header role="none" className={props.className}>
      <h2 id={props.titleId}>{props.title}</h2>
      <button type="button" className="tk-button tk-button-secondary" onClick={props.onClose}>
        {props.closeLabel}
      </button>
    </header>
  )
}
