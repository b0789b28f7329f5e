/**
 * Strings of tldraw's own UI that name our shapes. tldraw announces a selected shape to screen
 * readers by the key `tool.<shape type>`, which it has for its own shapes only (ours read as the
 * raw key); its note tool now makes our note, so it bears our note's name too; the category
 * tools are named for their category.
 */
import type { TLUiOverrides } from 'tldraw'
import { NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { getCategory } from '../../shared/categories.js'
import { categoryToolLabel } from '../editor/categoryToolItems.js'
import { TOOL_CATEGORIES } from '../editor/noteTool.js'
import { LANGUAGES, translate } from './index.js'

/** tldraw's translation overrides, by locale (tldraw's locales are our language codes). */
export const tldrawTranslations: NonNullable<TLUiOverrides['translations']> = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    {
      [`tool.${NOTE_SHAPE_TYPE}`]: translate(language, 'canvas.note'),
      [`tool.${ZONE_SHAPE_TYPE}`]: translate(language, 'canvas.zone'),
      'tool.note': translate(language, 'canvas.note'),
      ...Object.fromEntries(
        TOOL_CATEGORIES.map((category) => [
          categoryToolLabel(category),
          translate(language, 'tool.categoryNote', { category: getCategory(category).labels[language] }),
        ]),
      ),
    },
  ]),
)
