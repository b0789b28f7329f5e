import { createTLStore, defaultBindingUtils, type TLRecord, type TLStore } from 'tldraw'
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { bindStoreToYDoc } from '../../client/sync/bindStoreToYDoc.js'
import { createInitialDocumentUpdate } from '../../server/boards/initialDocument.js'
import { openBoardRecords, type StoredRecord, type YKeyValue } from '../../shared/boardDocument.js'
import { DEFAULT_TEMPLATE } from '../../shared/templates.js'
import { makeShapeRecord, NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE, type NoteShapeProps } from '../../shared/canvasShapes.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function noteRecord(n: number): StoredRecord {
  const props: NoteShapeProps = {
    category: 'need',
    text: `Tarve ${n}`,
    fields: { kind: 'competence' },
    author: 'Aino',
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    ...NOTE_DEFAULT_SIZE,
    categoryChosen: true,
  }
  return makeShapeRecord({
    id: `shape:note${n}`,
    type: NOTE_SHAPE_TYPE,
    x: n * 10,
    y: 0,
    index: `a2${n}V`,
    props,
    meta: { tag: 'x' },
  })
}

/** A peer's doc (a board as the server makes it, with `noteCount` notes) and a client bound to it; `loaded` resolves when all is in its store. */
function boardWithNotes(noteCount: number) {
  const peer = new Y.Doc()
  Y.applyUpdate(
    peer,
    createInitialDocumentUpdate({ title: 'Testi', template: DEFAULT_TEMPLATE, language: 'fi', createdAt: new Date(0) }),
  )
  const peerRecords = openBoardRecords(peer)
  peer.transact(() => {
    for (let n = 0; n < noteCount; n++) peerRecords.set(`shape:note${n}`, noteRecord(n))
  })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
  // The network: the peer's updates reach the client as bytes, decoded into fresh objects.
  peer.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'network'))
  const store: TLStore = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
  const rejected: string[] = []
  let onLoaded = () => {}
  const loaded = new Promise<void>((resolve) => (onLoaded = resolve))
  const unbind = bindStoreToYDoc(store, openBoardRecords(doc), {
    onRecordRejected: (id) => rejected.push(id),
    onLoaded,
  })
  cleanups.push(() => {
    unbind()
    store.dispose()
    doc.destroy()
    peer.destroy()
  })
  return { peerRecords, store, rejected, loaded }
}

const shape = (store: TLStore, n: number) => store.get(`shape:note${n}` as TLRecord['id']) as TLRecord & StoredRecord

function movePeerNote(peerRecords: YKeyValue<StoredRecord>, n: number, patch: Partial<StoredRecord>) {
  const current = peerRecords.get(`shape:note${n}`)!
  peerRecords.set(current.id, { ...structuredClone(current), ...patch })
}

test('a remote move of one note among many changes that record only, keeping its props and meta objects', async () => {
  const { peerRecords, store, rejected, loaded } = boardWithNotes(200)
  await loaded
  const before = store.allRecords()
  const movedBefore = shape(store, 17)
  const changed: string[] = []
  store.listen(({ changes }) => changed.push(...Object.keys(changes.updated), ...Object.keys(changes.added)))

  movePeerNote(peerRecords, 17, { x: 999, y: 333 })

  const moved = shape(store, 17)
  expect(moved.x).toBe(999)
  expect(moved.y).toBe(333)
  // tldraw re-renders a shape's content only when these objects change (areShapesContentEqual).
  expect(moved.props).toBe(movedBefore.props)
  expect(moved.meta).toBe(movedBefore.meta)
  expect(changed).toEqual(['shape:note17'])
  for (const record of before) if (record.id !== 'shape:note17') expect(store.get(record.id)).toBe(record)
  expect(rejected).toEqual([])
})

test('a remote text edit gives the note new props but keeps its meta; an identical write changes nothing', async () => {
  const { peerRecords, store, loaded } = boardWithNotes(20)
  await loaded
  const editedBefore = shape(store, 3)
  const previousProps = editedBefore.props as NoteShapeProps
  movePeerNote(peerRecords, 3, { props: { ...previousProps, text: 'Uusi teksti' } })
  const edited = shape(store, 3)
  expect((edited.props as NoteShapeProps).text).toBe('Uusi teksti')
  expect(edited.props).not.toBe(editedBefore.props)
  expect(edited.meta).toBe(editedBefore.meta)

  const untouched = shape(store, 4)
  movePeerNote(peerRecords, 4, {})
  expect(shape(store, 4)).toBe(untouched)
})
