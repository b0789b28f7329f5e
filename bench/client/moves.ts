/**
 * The notes of the browser benchmark and how the "second participant" moves them: one module
 * for the harness (which seeds our board and runs the remote mover) and the anchor page (which
 * makes the same moves locally), so both boards and both motions are the same.
 */

export interface BenchNote {
  x: number
  y: number
  text: string
}

/** Notes moved together on every step, as a person dragging a selection of 20 notes. */
export const MOVED_NOTES = 20
/** One move step every 16 ms (a 60 Hz drag). */
export const MOVE_INTERVAL_MS = 16

/** Where moved note `index` (of base position `base`) is at step `step`: a slow circle of 60 units. */
export function movedPosition(base: { x: number; y: number }, index: number, step: number): { x: number; y: number } {
  const angle = step / 20 + index
  return { x: Math.round(base.x + 60 * Math.cos(angle)), y: Math.round(base.y + 60 * Math.sin(angle)) }
}

/** The id both apps give note `index`. */
export function benchNoteId(index: number): string {
  return `shape:note${index}`
}
