/** Shown while the board's data is on its way; the message says what we are waiting for. */
export function LoadingScreen({ message, detail }: { message: string; detail?: string | null }) {
  return (
    <main className="tk-page tk-centered" aria-busy="true">
      <div className="tk-loading" role="status">
        <span className="tk-spinner" aria-hidden="true" />
        <p>{message}</p>
        {detail ? <p className="tk-muted">{detail}</p> : null}
      </div>
    </main>
  )
}
