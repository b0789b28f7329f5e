import { defaultShapeUtils, type TLAnyShapeUtilConstructor } from 'tldraw'
import { SituationNoteShapeUtil } from '../shapes/SituationNoteShapeUtil.js'
import { SituationZoneShapeUtil } from '../shapes/SituationZoneShapeUtil.js'

/**
 * Shapes of our own: structured notes and template zones. The store's schema and the canvas
 * both read this list, so they cannot disagree. Records of shape types not listed are skipped
 * when loading a board (see bindStoreToYDoc).
 */
export const customShapeUtils: TLAnyShapeUtilConstructor[] = [SituationNoteShapeUtil, SituationZoneShapeUtil]

export const boardShapeUtils: TLAnyShapeUtilConstructor[] = [...defaultShapeUtils, ...customShapeUtils]
