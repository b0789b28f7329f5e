// Writes server/boards/tldrawDefaults.json: the tldraw schema and default records a new board
// starts with. The server reads this file instead of loading @tldraw/tlschema (~20 MB of memory
// per process); tests/server/tldrawDefaults.test.ts fails when a tldraw upgrade changes them —
// then run `node scripts/generateTldrawDefaults.mjs`.
import fs from 'node:fs'
import { createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID } from '@tldraw/tlschema'

const defaults = {
  schema: createTLSchema().serialize(),
  document: DocumentRecordType.create({ id: TLDOCUMENT_ID, name: '' }),
  page: PageRecordType.create({ id: PageRecordType.createId('page'), name: '', index: 'a1' }),
}
fs.writeFileSync('server/boards/tldrawDefaults.json', `${JSON.stringify(defaults, null, 2)}\n`)
console.log('wrote server/boards/tldrawDefaults.json')
