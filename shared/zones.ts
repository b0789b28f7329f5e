/**
 * Zone geometry, the one rule the board, its exports and the import agree on: a point lies in
 * the smallest category zone that contains it (edges count as inside), so a zone drawn inside
 * another one wins there. The client applies it when a note is dropped, the snapshot when it
 * names a note's zone, the import when it moves notes along with a zone.
 */
import type { CategoryId } from './categories.js'
import { type BoardTemplateId, getTemplate, zoneShapeId } from './templates.js'

export interface Point {
  x: number
  y: number
}

export interface Rect extends Point {
  w: number
  h: number
}

/** A category zone's area in page coordinates. */
export interface ZoneArea extends Rect {
  id: string
  category: CategoryId | null
}

/** True when `point` lies in `rect`, edges included. */
export function containsPoint(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h
}

export function rectCenter(rect: Rect): Point {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

/** The smallest of `zones` containing `point` (the first of equal ones), or null outside all. */
export function zoneAt<Z extends Rect>(point: Point, zones: readonly Z[]): Z | null {
  let best: Z | null = null
  for (const zone of zones) {
    if (containsPoint(zone, point) && (!best || zone.w * zone.h < best.w * best.h)) best = zone
  }
  return best
}

/** The category zones a template lays out, as a new board of it has them. */
export function templateZoneAreas(template: BoardTemplateId): ZoneArea[] {
  return getTemplate(template)
    .zones.filter((zone) => zone.kind === 'category')
    .map(({ key, category, x, y, w, h }) => ({ id: zoneShapeId(key), category, x, y, w, h }))
}
