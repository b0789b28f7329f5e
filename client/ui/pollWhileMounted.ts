/**
 * Asks `request` now and again `intervalMs` after each answer (requests never overlap), handing
 * each answer to `handle`, until the returned stop is called: for a React effect's cleanup.
 */
export function pollWhileMounted<T>(
  request: () => Promise<T>,
  handle: (answer: T) => void,
  intervalMs: number,
): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const poll = async () => {
    const answer = await request()
    if (stopped) return
    handle(answer)
    timer = setTimeout(() => void poll(), intervalMs)
  }
  void poll()
  return () => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
  }
}
