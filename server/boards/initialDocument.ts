import { createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID } from '@tldraw/tlschema'
import * as Y from 'yjs'
import {
  BOARD_DOCUMENT_LAYOUT_VERSION,
  getMetaMap,
  META_LAYOUT_VERSION_KEY,
  META_SCHEMA_KEY,
  openBoardRecords,
  type StoredRecord,
} from '../../shared/boardDocument.js'
import type { BoardTemplateId } from '../../shared/api.js'

const schema = createTLSchema()

/**
 * The first state of a new board's document: tldraw's document and page records and the schema
 * they follow. Made once on the server so clients that join an empty board at the same moment
 * never race to create the page.
 */
export function createInitialDocumentUpdate(options: { title: string; template: BoardTemplateId; pageName: string }): Uint8Array {
  const doc = new Y.Doc()
  const records = openBoardRecords(doc)
  doc.transact(() => {
    const documentRecord = DocumentRecordType.create({ id: TLDOCUMENT_ID, name: options.title })
    const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: options.pageName, index: 'a1' as never })
    for (const record of [documentRecord, page]) records.set(record.id, record as unknown as StoredRecord)
    const meta = getMetaMap(doc)
    meta.set(META_SCHEMA_KEY, schema.serialize())
    meta.set(META_LAYOUT_VERSION_KEY, BOARD_DOCUMENT_LAYOUT_VERSION)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
