/**
 * Where imported notes go: into the zone of their category, on a grid, on free cells only.
 * Pure geometry, so it is easy to test; the caller writes the records.
 */
import type { Rect } from '../../shared/zones.js'

export interface Placement {
  positions: { x: number; y: number }[]
  /** The zone height needed to hold every placed note (>= the zone's current height). */
  zoneHeight: number
}

export const GRID_GAP = 20
/** Room for the zone's heading above the first row of notes. */
export const ZONE_HEADER = 90

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/**
 * Finds `count` free cells of `size` in `zone`, row by row; cells that overlap anything in
 * `occupied` are skipped. When the zone is full, rows continue below it and `zoneHeight` says
 * how tall the zone must grow.
 */
export function placeNotes(
  zone: Rect,
  occupied: readonly Rect[],
  count: number,
  size: { w: number; h: number },
): Placement {
  const columns = Math.max(1, Math.floor((zone.w - GRID_GAP) / (size.w + GRID_GAP)))
  const taken = [...occupied]
  const positions: { x: number; y: number }[] = []
  let bottom = zone.y + zone.h
  for (let cell = 0; positions.length < count; cell++) {
    const column = cell % columns
    const row = Math.floor(cell / columns)
    const candidate = {
      x: zone.x + GRID_GAP + column * (size.w + GRID_GAP),
      y: zone.y + ZONE_HEADER + row * (size.h + GRID_GAP),
      ...size,
    }
    if (taken.some((rect) => overlaps(rect, candidate))) continue
    taken.push(candidate)
    positions.push({ x: candidate.x, y: candidate.y })
    bottom = Math.max(bottom, candidate.y + candidate.h + GRID_GAP)
  }
  return { positions, zoneHeight: bottom - zone.y }
}
