import { type RefObject, useLayoutEffect, useRef } from 'react'

/**
 * Shows a <dialog> as modal for as long as the component is mounted. The browser then keeps the
 * keyboard inside it, makes the page behind inert, and turns Escape into a `cancel` event, which
 * `onCancel` handles (the caller unmounts the dialog). `initialFocus` gets the focus first.
 */
export function useModalDialog(
  onCancel: () => void,
  initialFocus?: RefObject<HTMLElement | null>,
): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef(onCancel)
  cancel.current = onCancel
  // A layout effect: its clean-up runs while the dialog is still in the document, so close()
  // hands the focus back to what had it before (the button that opened the dialog).
  useLayoutEffect(() => {
    const element = dialog.current
    if (!element) return
    const onCancelEvent = (event: Event) => {
      event.preventDefault()
      cancel.current()
    }
    element.addEventListener('cancel', onCancelEvent)
    if (!element.open) element.showModal()
    initialFocus?.current?.focus()
    return () => {
      element.removeEventListener('cancel', onCancelEvent)
      if (element.open) element.close()
    }
  }, [initialFocus])
  return dialog
}
