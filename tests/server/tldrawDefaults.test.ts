import { createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID } from '@tldraw/tlschema'
import { expect, test } from 'vitest'
import tldrawDefaults from '../../server/boards/tldrawDefaults.json' with { type: 'json' }

// The server starts boards from this generated file rather than loading tldraw's schema package.
test('the stored tldraw defaults match the installed tldraw (else run scripts/generateTldrawDefaults.mjs)', () => {
  expect(tldrawDefaults.schema).toEqual(createTLSchema().serialize())
  expect(tldrawDefaults.document).toEqual(DocumentRecordType.create({ id: TLDOCUMENT_ID, name: '' }))
  expect(tldrawDefaults.page).toEqual(
    PageRecordType.create({ id: PageRecordType.createId('page'), name: '', index: 'a1' as never }),
  )
})
