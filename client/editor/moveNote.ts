/** The editor's "move to zone": the phone's way to sort a note, where a long drag is hard. */
import type { Editor, TLShapeId } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { freeSpotForZone } from '../../shared/notePlacement.js'
import { isNoteShape, isZoneShape } from '../model/shapeProps.js'
import { categoryZones, occupiedAreas, zoneAreas } from './zoneRule.js'

export interface ZoneChoice {
  id: string
  label: string
}

/** The page's category zones as a person reads them: the zone's heading, else its category's name. */
export function zoneChoices(editor: Editor, language: Language): ZoneChoice[] {
  return categoryZones(editor).map((zone) => {
    const shape = editor.getShape(zone.id as TLShapeId)
    const heading = isZoneShape(shape) ? shape.props.heading.trim() : ''
    return { id: zone.id, label: heading || (zone.category ? getCategory(zone.category).pluralLabels[language] : '') }
  })
}

/**
 * Moves a note onto a free spot of a zone (the zone rule then sorts an automatic note) and
 * brings it into view. Unknown ids do nothing.
 */
export function moveNoteToZone(editor: Editor, noteId: TLShapeId, zoneId: string): void {
  const note = editor.getShape(noteId)
  const zone = categoryZones(editor).find((candidate) => candidate.id === zoneId)
  const bounds = note && editor.getShapePageBounds(note)
  if (!isNoteShape(note) || !zone || !bounds) return
  const size = { w: bounds.w, h: bounds.h }
  const occupied = occupiedAreas(editor, noteId)
  const others = zoneAreas(editor).filter((area) => area.id !== zone.id)
  const spot = freeSpotForZone(zone, occupied, size, editor.getViewportPageBounds(), others)
  editor.markHistoryStoppingPoint('move note to zone')
  // Page coordinates: a note inside a frame or group leaves it for the zone's page.
  if (note.parentId !== editor.getCurrentPageId()) editor.reparentShapes([noteId], editor.getCurrentPageId())
  editor.updateShape({ id: noteId, type: note.type, x: spot.x, y: spot.y })
  editor.centerOnPoint({ x: spot.x + size.w / 2, y: spot.y + size.h / 2 }, { animation: { duration: 240 } })
}
