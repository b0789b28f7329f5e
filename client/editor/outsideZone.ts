/** Whether a note lies outside its category's zone (a card's marker, the list's group). */
import type { Editor, TLShapeId } from 'tldraw'
import { isOutsideItsZone } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { isNoteShape } from '../model/shapeProps.js'
import { categoryZones } from './zoneRule.js'

/**
 * True when note `id` lies outside the zone of its category. Inside a reactive context (a card's
 * `useValue`) it depends on that note and the zones only, so moving one note re-checks one card.
 */
export function isNoteOutsideItsZone(editor: Editor, id: TLShapeId): boolean {
  const shape = editor.getShape(id)
  if (!isNoteShape(shape)) return false
  const zones = categoryZones(editor)
  const bounds = editor.getShapePageBounds(shape)
  const zone = bounds ? zoneAt(bounds.center, zones) : null
  return isOutsideItsZone(shape.props.category, zone?.category ?? null, new Set(zones.map((each) => each.category)))
}
