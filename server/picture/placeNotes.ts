/**
 * Where imported notes go: into the zone of their category, on a grid, on free cells only. The
 * geometry is shared/notePlacement.ts, which the palette and the note tools use too.
 */
export { GRID_GAP, type Placement, placeNotes, ZONE_HEADER } from '../../shared/notePlacement.js'
