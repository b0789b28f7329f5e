/**
 * Where new notes go, the one rule the palette, the tools and the import share: in a zone, on a
 * grid of cells below its heading, row by row, on free cells only; elsewhere, the free spot
 * nearest a point. Pure geometry; the callers write the records.
 */
import { containsPoint, type Point, type Rect } from './zones.js'

export interface Size {
  w: number
  h: number
}

export const GRID_GAP = 20
/** Room for the zone's heading above the first row of notes. */
export const ZONE_HEADER = 90

/** True when two rectangles share some area (touching edges do not count). */
export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

const isFree = (cell: Rect, occupied: readonly Rect[]) => !occupied.some((rect) => overlaps(rect, cell))

/** How many cells of `size` fit side by side in `zone`. */
function columnsIn(zone: Rect, size: Size): number {
  return Math.max(1, Math.floor((zone.w - GRID_GAP) / (size.w + GRID_GAP)))
}

/** The grid's cell number `cell` (row by row, from the top left) of `zone`; rows may run below the zone. */
export function gridCell(zone: Rect, size: Size, cell: number): Rect {
  const columns = columnsIn(zone, size)
  return {
    x: zone.x + GRID_GAP + (cell % columns) * (size.w + GRID_GAP),
    y: zone.y + ZONE_HEADER + Math.floor(cell / columns) * (size.h + GRID_GAP),
    ...size,
  }
}

/** The grid cells lying wholly inside `zone`, in reading order. */
export function cellsInside(zone: Rect, size: Size): Rect[] {
  const rows = Math.max(0, Math.floor((zone.h - ZONE_HEADER) / (size.h + GRID_GAP)))
  const count = rows * columnsIn(zone, size)
  return Array.from({ length: count }, (_, cell) => gridCell(zone, size, cell)).filter(
    (cell) => cell.x + cell.w <= zone.x + zone.w && cell.y + cell.h <= zone.y + zone.h,
  )
}

export interface Placement {
  positions: Point[]
  /** The zone height needed to hold every placed note (>= the zone's current height). */
  zoneHeight: number
}

/**
 * Finds up to `count` free cells of `size` in `zone`, row by row; cells that overlap anything in
 * `occupied` are skipped. When the zone is full, rows continue below it and `zoneHeight` says
 * how tall the zone must grow (for whoever may grow it); with `grow: false` only cells inside the
 * zone are used, so fewer than `count` may come back.
 */
export function placeNotes(
  zone: Rect,
  occupied: readonly Rect[],
  count: number,
  size: Size,
  options: { grow?: boolean } = {},
): Placement {
  const taken = [...occupied]
  const positions: Point[] = []
  let bottom = zone.y + zone.h
  const inside = options.grow === false ? cellsInside(zone, size) : null
  for (let cell = 0; positions.length < count && (!inside || cell < inside.length); cell++) {
    const candidate = inside ? inside[cell]! : gridCell(zone, size, cell)
    if (!isFree(candidate, taken)) continue
    taken.push(candidate)
    positions.push({ x: candidate.x, y: candidate.y })
    bottom = Math.max(bottom, candidate.y + candidate.h + GRID_GAP)
  }
  return { positions, zoneHeight: bottom - zone.y }
}

/**
 * A free spot for one note in `zone`: the first free cell (reading order) wholly inside
 * `visible` when there is one, so the note appears where the person is looking; else the first
 * free cell of the zone; else any free spot inside the zone (notes moved by hand leave odd gaps);
 * null when the zone is full.
 */
export function freeSpotInZone(zone: Rect, occupied: readonly Rect[], size: Size, visible?: Rect): Point | null {
  const free = cellsInside(zone, size).filter((cell) => isFree(cell, occupied))
  const inView = visible ? free.find((cell) => contains(visible, cell)) : undefined
  const cell = inView ?? free[0]
  if (cell) return { x: cell.x, y: cell.y }
  const step = GRID_GAP
  for (let y = zone.y + ZONE_HEADER; y + size.h <= zone.y + zone.h; y += step) {
    for (let x = zone.x + GRID_GAP; x + size.w <= zone.x + zone.w; x += step) {
      if (isFree({ x, y, ...size }, occupied)) return { x, y }
    }
  }
  return null
}

/**
 * A free spot for one note of `zone`'s: in the zone when it has room (`freeSpotInZone`), else the
 * free spot nearest the zone that lies in none of `otherZones`, never over another note.
 */
export function freeSpotForZone(
  zone: Rect,
  occupied: readonly Rect[],
  size: Size,
  visible?: Rect,
  otherZones: readonly Rect[] = [],
): Point {
  return (
    freeSpotInZone(zone, occupied, size, visible) ??
    freeSpotNear({ x: zone.x + zone.w / 2, y: zone.y + zone.h / 2 }, occupied, size, null, otherZones)
  )
}

/**
 * The top-left corner of the free spot nearest to having its centre at `center`: the spot
 * itself when free, else the nearest of the positions one note (and a gap) apart around it.
 * With `within`, spots whose centre lies in it come first (a note meant for the zone at the
 * centre of the view stays in that zone); then spots whose centre lies in none of `avoid`
 * (other zones, where the note would be out of place); then any. The search grows until it
 * passes everything occupied, so the spot returned never overlaps a note.
 */
export function freeSpotNear(
  center: Point,
  occupied: readonly Rect[],
  size: Size,
  within?: Rect | null,
  avoid: readonly Rect[] = [],
): Point {
  const origin = { x: center.x - size.w / 2, y: center.y - size.h / 2 }
  const stepX = size.w + GRID_GAP
  const stepY = size.h + GRID_GAP
  const distance = (point: Point) => Math.hypot(point.x - origin.x, point.y - origin.y)
  const centreOf = (point: Point) => ({ x: point.x + size.w / 2, y: point.y + size.h / 2 })
  const passes: ((point: Point) => boolean)[] = []
  if (within) passes.push((point) => containsPoint(within, centreOf(point)))
  if (avoid.length > 0) passes.push((point) => !avoid.some((rect) => containsPoint(rect, centreOf(point))))
  passes.push(() => true)
  // Beyond this ring every candidate lies clear of all occupied areas (and of `avoid`), so the
  // last pass always finds one.
  const lastRing = ringBeyond(origin, [...occupied, ...avoid, ...(within ? [within] : [])], size, stepX, stepY)
  for (const allowed of passes) {
    for (let ring = 0; ring <= lastRing; ring++) {
      const candidates: Point[] = []
      for (let i = -ring; i <= ring; i++) {
        for (let j = -ring; j <= ring; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) === ring)
            candidates.push({ x: origin.x + i * stepX, y: origin.y + j * stepY })
        }
      }
      candidates.sort((a, b) => distance(a) - distance(b))
      const found = candidates.find((point) => allowed(point) && isFree({ ...point, ...size }, occupied))
      if (found) return found
    }
  }
  return origin
}

/** The first ring of candidates around `origin` whose every spot lies clear of all `rects`. */
function ringBeyond(origin: Point, rects: readonly Rect[], size: Size, stepX: number, stepY: number): number {
  let ring = 0
  for (const rect of rects) {
    const reachX = Math.max(origin.x + size.w - rect.x, rect.x + rect.w - origin.x)
    const reachY = Math.max(origin.y + size.h - rect.y, rect.y + rect.h - origin.y)
    ring = Math.max(ring, Math.ceil(reachX / stepX), Math.ceil(reachY / stepY))
  }
  return ring + 1
}

/** True when `inner` lies wholly in `outer`. */
function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  )
}

/**
 * A note sorted into a category that has a zone on the board, lying outside that zone (a need
 * dragged into the strengths): the card marks it, the list groups it apart. `zoneCategory` is the
 * category of the zone the note lies in (null outside every zone).
 */
export function isOutsideItsZone(
  category: string,
  zoneCategory: string | null,
  zoneCategories: ReadonlySet<string | null>,
): boolean {
  return category !== 'unsorted' && zoneCategories.has(category) && zoneCategory !== category
}
