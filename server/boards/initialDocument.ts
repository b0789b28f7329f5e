// Generated from @tldraw/tlschema by scripts/generateTldrawDefaults.mjs; see that script.
import tldrawDefaults from './tldrawDefaults.json' with { type: 'json' }
import { newBoardDocumentUpdate, type StoredRecord } from '../../shared/boardDocument.js'
import {
  CUSTOM_SHAPE_SCHEMA_SEQUENCES,
  DEFAULT_PAGE_ID,
  makeShapeRecord,
  ZONE_SHAPE_TYPE,
  type ZoneShapeProps,
} from '../../shared/canvasShapes.js'
import { formatDate, type Language, type Localized } from '../../shared/language.js'
import { type BoardTemplateId, getTemplate, zoneShapeId } from '../../shared/templates.js'

/** tldraw's default schema plus our custom shapes' sequences: what clients will write too. */
export const serializedSchema = {
  ...tldrawDefaults.schema,
  sequences: { ...tldrawDefaults.schema.sequences, ...CUSTOM_SHAPE_SCHEMA_SEQUENCES },
}

const PAGE_NAMES: Localized = { fi: 'Tilannekuva', sv: 'Lägesbild', en: 'Situational picture' }

export interface InitialDocumentOptions {
  title: string
  template: BoardTemplateId
  language: Language
  region?: string | undefined
  createdAt: Date
}

/** The template's zones, locked so that nobody moves or deletes one by accident. */
function templateZones(options: InitialDocumentOptions): StoredRecord[] {
  const date = formatDate(options.createdAt, options.language, 'longDate')
  const subheading = options.region ? `${options.region} · ${date}` : date
  return getTemplate(options.template).zones.map((zone, i) => {
    const props: ZoneShapeProps = {
      kind: zone.kind,
      category: zone.category,
      heading: zone.kind === 'title' ? options.title : '',
      subheading: zone.kind === 'title' ? subheading : '',
      w: zone.w,
      h: zone.h,
    }
    return makeShapeRecord({
      id: zoneShapeId(zone.key),
      type: ZONE_SHAPE_TYPE,
      x: zone.x,
      y: zone.y,
      // Zones sit below everything people add later ('a1' < tldraw's next indices).
      index: `a0${String.fromCharCode(0x41 + i)}`,
      isLocked: true,
      props,
    })
  })
}

/**
 * The first state of a new board's document: tldraw's document and page records, the template's
 * zones and the schema they follow. Made once on the server so clients that join an empty board
 * at the same moment never race to create the page.
 */
export function createInitialDocumentUpdate(options: InitialDocumentOptions): Uint8Array {
  const documentRecord: StoredRecord = { ...tldrawDefaults.document, name: options.title }
  const page: StoredRecord = { ...tldrawDefaults.page, id: DEFAULT_PAGE_ID, name: PAGE_NAMES[options.language] }
  return newBoardDocumentUpdate(serializedSchema, [documentRecord, page, ...templateZones(options)])
}
