import { createShapePropsMigrationSequence, createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { customShapeUtils } from '../../client/board/shapeUtils.js'
import { SituationNoteShapeUtil } from '../../client/shapes/SituationNoteShapeUtil.js'
import { SituationZoneShapeUtil } from '../../client/shapes/SituationZoneShapeUtil.js'
import { compareSchema } from '../../client/sync/schemaCompat.js'
import { createInitialDocumentUpdate } from '../../server/boards/initialDocument.js'
import { getMetaMap, META_SCHEMA_KEY } from '../../shared/boardDocument.js'

/** The note as clients before the 'unsorted' category had it: no migration steps. */
class NoteBeforeUnsorted extends SituationNoteShapeUtil {
  static override migrations = createShapePropsMigrationSequence({ sequence: [] })
}

const newBoardSchema = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(
    doc,
    createInitialDocumentUpdate({ title: 'x', template: 'tilannekuva', language: 'fi', createdAt: new Date() }),
  )
  return getMetaMap(doc).get(META_SCHEMA_KEY)
}

test('a client from before the unsorted category is told to reload on a new board; an old board migrates up', () => {
  const olderClient = createTLStore({
    shapeUtils: [...defaultShapeUtils, NoteBeforeUnsorted, SituationZoneShapeUtil],
    bindingUtils: defaultBindingUtils,
  })
  const client = createTLStore({
    shapeUtils: [...defaultShapeUtils, ...customShapeUtils],
    bindingUtils: defaultBindingUtils,
  })
  const board = newBoardSchema()
  // The older client would refuse an unsorted note; it must not write to this board at all.
  expect(compareSchema(olderClient, board)).toBe('newer')
  expect(compareSchema(client, board)).toBe('same')
  // A board made before: this client migrates its notes (unchanged) and upgrades the schema.
  expect(compareSchema(client, olderClient.schema.serialize())).toBe('older')
  olderClient.dispose()
  client.dispose()
})
