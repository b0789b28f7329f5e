/**
 * The server's clock as this page estimates it: one GET /api/time, its answer taken to be read at
 * the midpoint of the round trip. Timers are stored in the server's clock, so everyone's
 * countdown agrees however wrong their own clocks are.
 */
import { atom } from 'tldraw'
import { fetchServerTime } from '../api.js'

const $offset = atom('server clock offset', 0)
let measuring: Promise<void> | null = null

/** Measures the offset once per page; later calls return the same measurement. */
export function measureServerClock(): Promise<void> {
  measuring ??= fetchServerTime().then((reading) => {
    if (reading) $offset.set(reading.serverNow - reading.localAt)
    // Without an answer our own clock stands in; a later page load tries again.
  })
  return measuring
}

/** The server's time now, in epoch milliseconds (reactive: re-read once the offset is known). */
export function serverNow(): number {
  return Date.now() + $offset.get()
}
