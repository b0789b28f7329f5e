/** Which notes lie outside their category's zone, worked out once per change for every card. */
import { type Computed, computed, type Editor, type TLShapeId } from 'tldraw'
import { isOutsideItsZone } from '../../shared/notePlacement.js'
import { zoneAt } from '../../shared/zones.js'
import { isNoteShape } from '../model/shapeProps.js'
import { categoryZones } from './zoneRule.js'

const cache = new WeakMap<Editor, Computed<ReadonlySet<TLShapeId>>>()

/** The notes of the current page outside their category's zone (a cards' marker reads it). */
export function notesOutsideTheirZone(editor: Editor): Computed<ReadonlySet<TLShapeId>> {
  let signal = cache.get(editor)
  if (!signal) {
    signal = computed('notes outside their zone', () => {
      const zones = categoryZones(editor)
      const categories = new Set(zones.map((zone) => zone.category))
      const outside = new Set<TLShapeId>()
      for (const shape of editor.getCurrentPageShapes()) {
        if (!isNoteShape(shape)) continue
        const bounds = editor.getShapePageBounds(shape)
        const zone = bounds ? zoneAt(bounds.center, zones) : null
        if (isOutsideItsZone(shape.props.category, zone?.category ?? null, categories)) outside.add(shape.id)
      }
      return outside
    })
    cache.set(editor, signal)
  }
  return signal
}
