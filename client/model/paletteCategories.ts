/** Which categories the palette offers first for a board, and which sit under "more". */
import { CATEGORIES, type CategoryId, UNSORTED } from '../../shared/categories.js'
import { type BoardTemplateId, getTemplate } from '../../shared/templates.js'

/** A template without zones (blank) still offers the core of a situational picture. */
const FALLBACK: readonly CategoryId[] = ['strength', 'need', 'actor', 'action']

/**
 * The palette's category buttons. 'unsorted' has none: the automatic note is unsorted until a
 * zone or a person sorts it, so a button for it would be the same button twice.
 */
export function paletteCategories(template: BoardTemplateId): { main: CategoryId[]; more: CategoryId[] } {
  const fromZones = getTemplate(template).zones.flatMap((zone) => (zone.category ? [zone.category] : []))
  const main = [...new Set(fromZones.length > 0 ? fromZones : FALLBACK)]
  return {
    main,
    more: CATEGORIES.map((category) => category.id).filter((id) => id !== UNSORTED && !main.includes(id)),
  }
}
