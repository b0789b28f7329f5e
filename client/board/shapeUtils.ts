import { defaultShapeUtils, type TLAnyShapeUtilConstructor } from 'tldraw'

/**
 * Shapes of our own (e.g. structured notes and template zones) go here; the store's schema and
 * the canvas both read this list, so they cannot disagree. Records of shape types not listed are
 * skipped when loading a board (see bindStoreToYDoc).
 */
export const customShapeUtils: TLAnyShapeUtilConstructor[] = []

export const boardShapeUtils: TLAnyShapeUtilConstructor[] = [...defaultShapeUtils, ...customShapeUtils]
