import { createTLSchema } from '@tldraw/tlschema'
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLNoteShape,
  type TLStore,
  toRichText,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc, LOCAL_ORIGIN } from '../../client/sync/bindStoreToYDoc.js'
import {
  BOARD_DOCUMENT_LAYOUT_VERSION,
  DOCUMENT_RECORD_TYPES,
  getMetaMap,
  META_LAYOUT_VERSION_KEY,
  META_SCHEMA_KEY,
  openBoardRecords,
  readBoardRecords,
  type StoredRecord,
  type YKeyValue,
} from '../../shared/boardDocument.js'
import { seededRandom } from '../helpers/random.js'

const PAGE_ID = 'page:page'
const PEER = Symbol('peer')

/** A Y.Doc as the server creates a board: document and page records, and the schema. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc()
  const records = openBoardRecords(doc)
  doc.transact(() => {
    records.set('document:document', {
      id: 'document:document',
      typeName: 'document',
      gridSize: 10,
      name: 'Testi',
      meta: {},
    })
    records.set(PAGE_ID, { id: PAGE_ID, typeName: 'page', name: 'Sivu 1', index: 'a1', meta: {} })
    getMetaMap(doc).set(META_SCHEMA_KEY, createTLSchema().serialize())
    getMetaMap(doc).set(META_LAYOUT_VERSION_KEY, BOARD_DOCUMENT_LAYOUT_VERSION)
  })
  return doc
}

interface Client {
  doc: Y.Doc
  records: YKeyValue<StoredRecord>
  store: TLStore
  rejected: string[]
  schemaTooNew: () => boolean
  unbind: () => void
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function newStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/** A client: its own doc (a copy of `from`), a fresh store, bound. */
function client(from: Y.Doc, options: { canWrite?: () => boolean; beforeBind?: (doc: Y.Doc) => void } = {}): Client {
  const doc = new Y.Doc()
  const records = openBoardRecords(doc)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from), PEER)
  options.beforeBind?.(doc)
  const store = newStore()
  const rejected: string[] = []
  let tooNew = false
  const unbind = bindStoreToYDoc(store, records, {
    ...(options.canWrite ? { canWrite: options.canWrite } : {}),
    onRecordRejected: (id) => rejected.push(id),
    onSchemaTooNew: () => {
      tooNew = true
    },
  })
  cleanups.push(() => {
    unbind()
    store.dispose()
    doc.destroy()
  })
  return { doc, records, store, rejected, schemaTooNew: () => tooNew, unbind }
}

/**
 * Relays updates between docs like a server would. Queued, so a test decides when (and in what
 * order) each peer hears about the others' changes.
 */
function network(docs: Y.Doc[]) {
  const queues = docs.map(() => [] as Uint8Array[])
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === PEER) return
      docs.forEach((_, to) => {
        if (to !== from) queues[to]!.push(update)
      })
    })
  })
  const deliver = (to: number) => {
    for (const update of queues[to]!.splice(0)) Y.applyUpdate(docs[to]!, update, PEER)
  }
  return {
    deliver,
    flush() {
      while (queues.some((queue) => queue.length > 0)) for (let i = 0; i < docs.length; i++) deliver(i)
    },
  }
}

/** Two clients of one new board, and the network between them. */
function twoClients() {
  const origin = serverDoc()
  const a = client(origin)
  const b = client(origin)
  return { a, b, net: network([a.doc, b.doc]) }
}

const shapeType = newStore().schema.types.shape

function note(id: string, text: string, x = 100, y = 100): TLNoteShape {
  return shapeType.create({
    id: createShapeId(id),
    type: 'note',
    parentId: PAGE_ID as never,
    index: 'a2' as never,
    x,
    y,
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: null,
    },
  }) as TLNoteShape
}

/** The document records a store holds, as comparable JSON. */
function documentRecords(store: TLStore): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const record of store.allRecords()) {
    if (DOCUMENT_RECORD_TYPES.has(record.typeName)) out[record.id] = JSON.parse(JSON.stringify(record))
  }
  return out
}

/** The plain text of a note (its rich text is a ProseMirror-style tree). */
function noteText(store: TLStore, id: string): string | undefined {
  const shape = store.get(createShapeId(id)) as TLNoteShape | undefined
  if (!shape) return undefined
  const texts: string[] = []
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return
    const { text, content } = node as { text?: unknown; content?: unknown }
    if (typeof text === 'string') texts.push(text)
    if (Array.isArray(content)) content.forEach(walk)
  }
  walk(shape.props.richText)
  return texts.join('')
}

/** The records a doc holds, as comparable JSON (read from the array, as the binding does). */
function storedRecords(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(readBoardRecords(doc).map((record) => [record.id, JSON.parse(JSON.stringify(record))]))
}

/** Names of the clients whose binding writes to their doc from now on, one entry per transaction. */
function writersOf(clients: Record<string, Client>): string[] {
  const writers: string[] = []
  for (const [name, { doc }] of Object.entries(clients))
    doc.on('update', (_update: Uint8Array, updateOrigin: unknown) => {
      if (updateOrigin === LOCAL_ORIGIN) writers.push(name)
    })
  return writers
}

describe('bindStoreToYDoc', () => {
  it('loads the board the server created', () => {
    const a = client(serverDoc())
    expect(a.store.get(PAGE_ID as never)).toMatchObject({ typeName: 'page', name: 'Sivu 1' })
    expect(a.store.get('document:document' as never)).toMatchObject({ name: 'Testi' })
    expect(a.rejected).toEqual([])
  })

  it('makes two stores on two exchanging docs converge: add, update, remove', () => {
    const { a, b, net } = twoClients()

    a.store.put([note('n1', 'Vahvuus: yhteistyö')])
    net.flush()
    expect(noteText(b.store, 'n1')).toBe('Vahvuus: yhteistyö')

    const fromB = b.store.get(createShapeId('n1')) as TLNoteShape
    b.store.put([{ ...fromB, x: 400, props: { ...fromB.props, richText: toRichText('Tarve: rahoitus') } }])
    net.flush()
    expect(a.store.get(createShapeId('n1'))).toMatchObject({ x: 400 })
    expect(noteText(a.store, 'n1')).toBe('Tarve: rahoitus')

    a.store.remove([createShapeId('n1')])
    net.flush()
    expect(b.store.get(createShapeId('n1'))).toBeUndefined()
    expect(documentRecords(a.store)).toEqual(documentRecords(b.store))
  })

  it('converges under seeded random concurrent edits with random delivery (seed 20250601)', () => {
    const random = seededRandom(20250601)
    const origin = serverDoc()
    const clients = [client(origin), client(origin), client(origin)]
    const net = network(clients.map((c) => c.doc))
    const ids = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']

    for (let step = 0; step < 300; step++) {
      const c = random.pick(clients)
      const id = random.pick(ids)
      const existing = c.store.get(createShapeId(id)) as TLNoteShape | undefined
      const op = random.int(3)
      if (!existing || op === 0) c.store.put([note(id, `teksti ${step}`, random.int(1000), random.int(1000))])
      else if (op === 1) c.store.put([{ ...existing, x: random.int(1000), y: random.int(1000) }])
      else c.store.remove([existing.id])
      // Deliver to a random peer now and then, so edits overlap.
      if (random.next() < 0.3) net.deliver(random.int(clients.length))
    }
    net.flush()

    const expected = documentRecords(clients[0]!.store)
    for (const c of clients) {
      expect(documentRecords(c.store)).toEqual(expected)
      // The store is exactly what the document holds.
      const inDoc = Object.fromEntries(
        [...c.records.map].map(([key, entry]) => [key, JSON.parse(JSON.stringify(entry.val))]),
      )
      expect(inDoc).toEqual(expected)
    }
    expect(Object.keys(expected).length).toBeGreaterThan(2)
  })

  it('skips a malformed record from another client and still applies the rest of its change', () => {
    const origin = serverDoc()
    const a = client(origin)
    const rogue = new Y.Doc()
    const rogueRecords = openBoardRecords(rogue)
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(a.doc))
    const bad = { ...note('bad', 'rikki'), x: 'not a number' } as unknown as StoredRecord
    rogue.transact(() => {
      rogueRecords.set(bad.id, bad)
      rogueRecords.set(createShapeId('good'), note('good', 'ehjä') as unknown as StoredRecord)
    })
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(rogue, Y.encodeStateVector(a.doc)), PEER)

    expect(noteText(a.store, 'good')).toBe('ehjä')
    expect(a.store.get(createShapeId('bad'))).toBeUndefined()
    expect(a.rejected).toContain(createShapeId('bad'))

    // Sync keeps working after the bad record.
    const later = new Y.Doc()
    Y.applyUpdate(later, Y.encodeStateAsUpdate(a.doc))
    const b = client(later)
    expect(noteText(b.store, 'good')).toBe('ehjä')
    expect(b.rejected).toEqual([createShapeId('bad')])
    const net = network([a.doc, b.doc])
    b.store.put([note('after', 'myöhemmin')])
    net.flush()
    expect(noteText(a.store, 'after')).toBe('myöhemmin')
  })

  it('moves a note edited while its group is deleted to where it was on the page; its last writer writes that', () => {
    const { a, b, net } = twoClients()
    const groupId = createShapeId('ryhmä')
    a.store.put([
      shapeType.create({
        id: groupId,
        type: 'group',
        parentId: PAGE_ID as never,
        index: 'a3' as never,
        x: 100,
        y: 50,
        props: {} as never,
      }),
      { ...note('n1', 'ryhmässä', 10, 20), parentId: groupId, index: 'a1' as never },
      { ...note('n2', 'toinen', 300, 20), parentId: groupId, index: 'a2' as never },
    ])
    net.flush()

    // At once: A deletes the group and its notes (as tldraw does), B edits one of the notes.
    a.store.remove([groupId, createShapeId('n1'), createShapeId('n2')])
    const edited = b.store.get(createShapeId('n1')) as TLNoteShape
    b.store.put([{ ...edited, props: { ...edited.props, richText: toRichText('muokattu') } }])
    const writers = writersOf({ a, b })
    net.flush()

    for (const c of [a, b]) {
      expect(c.store.get(groupId)).toBeUndefined()
      expect(c.store.get(createShapeId('n2'))).toBeUndefined()
      expect(c.store.get(createShapeId('n1'))).toMatchObject({ parentId: PAGE_ID, x: 110, y: 70 })
      expect(noteText(c.store, 'n1')).toBe('muokattu')
      expect(documentRecords(c.store)).toEqual(storedRecords(c.doc))
    }
    expect(documentRecords(a.store)).toEqual(documentRecords(b.store))
    // B wrote the note last and saw its group deleted: B writes the move, A only shows it.
    expect(writers).toEqual(['b'])
  })

  it('shows notes made at once on one index apart on every client; only the moving note’s writer writes it', () => {
    const { a, b, net } = twoClients()
    a.store.put([note('a', 'A:n')])
    b.store.put([note('b', 'B:n')])
    const writers = writersOf({ a, b })

    net.deliver(0)
    // The greater id moves above the other; A shows that before B, the note's writer, has written it.
    const shownInA = a.store.get(createShapeId('b')) as TLNoteShape
    expect(shownInA.index > 'a2').toBe(true)
    expect(writers).toEqual([])
    net.flush()

    expect(writers).toEqual(['b'])
    expect(b.store.get(createShapeId('b'))).toEqual(shownInA)
    for (const c of [a, b]) expect(documentRecords(c.store)).toEqual(storedRecords(c.doc))
  })

  it('does not echo: a remote change makes no Yjs transaction of its own and no local store change', () => {
    const { a, b, net } = twoClients()
    const updatesInB: unknown[] = []
    b.doc.on('update', (_update: Uint8Array, updateOrigin: unknown) => updatesInB.push(updateOrigin))
    const userChangesInB: unknown[] = []
    b.store.listen((entry) => userChangesInB.push(entry), { source: 'user', scope: 'document' })
    const updatesInA: unknown[] = []
    a.doc.on('update', (_update: Uint8Array, updateOrigin: unknown) => updatesInA.push(updateOrigin))
    let mergesInA = 0
    const merge = a.store.mergeRemoteChanges.bind(a.store)
    a.store.mergeRemoteChanges = (fn) => {
      mergesInA++
      merge(fn)
    }

    a.store.put([note('n1', 'ei kaikua')])
    const moved = { ...(a.store.get(createShapeId('n1')) as TLNoteShape), x: 300 }
    a.store.put([moved])
    net.flush()

    expect(noteText(b.store, 'n1')).toBe('ei kaikua')
    // B only applied what it received; it wrote nothing back.
    expect(updatesInB.every((updateOrigin) => updateOrigin === PEER)).toBe(true)
    expect(userChangesInB).toEqual([])
    // A wrote each local change set exactly once, and its own writes never came back into its store.
    expect(updatesInA).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN])
    expect(mergesInA).toBe(0)
  })

  it('keeps writing local edits into the doc while offline; they reach the peer later', () => {
    const { a, b, net } = twoClients()
    a.store.put([note('offline', 'kirjoitettu ilman yhteyttä')])
    expect(a.records.get(createShapeId('offline'))).toBeDefined()
    expect(b.store.get(createShapeId('offline'))).toBeUndefined()
    net.flush()
    expect(noteText(b.store, 'offline')).toBe('kirjoitettu ilman yhteyttä')
  })

  it('does not write for a client that may not (viewer)', () => {
    const viewer = client(serverDoc(), { canWrite: () => false })
    const before = Y.encodeStateVector(viewer.doc)
    viewer.store.put([note('n1', 'katselija')])
    expect(Y.encodeStateVector(viewer.doc)).toEqual(before)
  })

  it('migrates an older document and writes the records and current schema in one transaction', () => {
    const doc = serverDoc()
    const records = openBoardRecords(doc)
    const current = createTLSchema().serialize()
    const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.note': 12 } }
    const oldNote = note('old', 'vanha') as unknown as { props: Record<string, unknown> } & StoredRecord
    const { textLastEditedBy: _dropped, ...oldProps } = oldNote.props
    doc.transact(() => {
      records.set(oldNote.id, { ...oldNote, props: { ...oldProps, textFirstEditedBy: null } })
      getMetaMap(doc).set(META_SCHEMA_KEY, older)
    })

    let localTransactions = 0
    const a = client(doc, {
      beforeBind: (clientDoc) =>
        clientDoc.on('afterTransaction', (transaction: Y.Transaction) => {
          if (transaction.origin === LOCAL_ORIGIN) localTransactions++
        }),
    })
    expect(a.store.get(createShapeId('old'))).toMatchObject({ props: { textLastEditedBy: null } })
    expect((a.records.get(oldNote.id) as unknown as { props: Record<string, unknown> }).props).not.toHaveProperty(
      'textFirstEditedBy',
    )
    expect(getMetaMap(a.doc).get(META_SCHEMA_KEY)).toEqual(current)
    expect(localTransactions).toBe(1)
  })

  it('migrates and writes back a document that goes back to an older schema while bound (a restored version)', () => {
    const current = createTLSchema().serialize()
    const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.note': 12 } }
    const oldNote = note('restored', 'palautettu') as unknown as { props: Record<string, unknown> } & StoredRecord
    const { textLastEditedBy: _dropped, ...oldProps } = oldNote.props
    const writer = client(serverDoc())
    const viewer = client(serverDoc(), { canWrite: () => false })
    for (const bound of [writer, viewer]) {
      // The server's restore: records in the older shape and the older schema, in one change.
      bound.doc.transact(() => {
        bound.records.set(oldNote.id, { ...oldNote, props: { ...oldProps, textFirstEditedBy: null } })
        getMetaMap(bound.doc).set(META_SCHEMA_KEY, older)
      }, PEER)
      expect(bound.store.get(createShapeId('restored'))).toMatchObject({ props: { textLastEditedBy: null } })
      expect(bound.rejected).toEqual([])
    }
    // The writer brings the document up to date; the viewer may not write.
    expect(getMetaMap(writer.doc).get(META_SCHEMA_KEY)).toEqual(current)
    expect((writer.records.get(oldNote.id) as unknown as { props: Record<string, unknown> }).props).not.toHaveProperty(
      'textFirstEditedBy',
    )
    expect(getMetaMap(viewer.doc).get(META_SCHEMA_KEY)).toEqual(older)
    // A later change in the older shape still reaches the viewer migrated.
    viewer.doc.transact(() => {
      viewer.records.set(oldNote.id, {
        ...oldNote,
        x: 500,
        props: { ...oldProps, textFirstEditedBy: null },
      })
    }, PEER)
    expect(viewer.store.get(createShapeId('restored'))).toMatchObject({ x: 500, props: { textLastEditedBy: null } })
  })

  it('writes the current schema into a document that has none', () => {
    const doc = serverDoc()
    getMetaMap(doc).delete(META_SCHEMA_KEY)
    const a = client(doc)
    expect(getMetaMap(a.doc).get(META_SCHEMA_KEY)).toEqual(a.store.schema.serialize())
    expect(a.store.get(PAGE_ID as never)).toBeDefined()
  })

  it('refuses to load or write a document with a newer schema, at load and later', () => {
    const current = createTLSchema().serialize()
    const newer = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.note': 999 } }

    const doc = serverDoc()
    getMetaMap(doc).set(META_SCHEMA_KEY, newer)
    const atLoad = client(doc)
    expect(atLoad.schemaTooNew()).toBe(true)
    expect(atLoad.store.get(PAGE_ID as never)).toBeUndefined()
    expect(getMetaMap(atLoad.doc).get(META_SCHEMA_KEY)).toEqual(newer)

    const later = client(serverDoc())
    expect(later.schemaTooNew()).toBe(false)
    later.doc.transact(() => getMetaMap(later.doc).set(META_SCHEMA_KEY, newer), PEER)
    expect(later.schemaTooNew()).toBe(true)
    const before = Y.encodeStateVector(later.doc)
    later.store.put([note('n1', 'ei kirjoiteta')])
    expect(Y.encodeStateVector(later.doc)).toEqual(before)
  })

  it('stops both directions when unsubscribed', () => {
    const { a, b, net } = twoClients()
    b.unbind()
    a.store.put([note('n1', 'yksi')])
    net.flush()
    expect(b.store.get(createShapeId('n1'))).toBeUndefined()
    const before = Y.encodeStateVector(b.doc)
    b.store.put([note('n2', 'kaksi')])
    expect(Y.encodeStateVector(b.doc)).toEqual(before)
  })
})
