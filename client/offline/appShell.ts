/**
 * Registers the service worker that keeps the app on this device (serviceWorker.ts), so that a
 * board opened here opens again without a connection. Only in the built app, on a secure origin
 * (https, or localhost), where browsers allow one.
 */
export function keepAppOnDevice(): void {
  if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    // The board still works online; only the page's own offline start is lost.
    console.warn('the app could not be kept on this device', error)
  })
}
