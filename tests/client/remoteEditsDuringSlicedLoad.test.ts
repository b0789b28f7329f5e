import { createTLStore, defaultBindingUtils, type TLRecord, type TLStore } from 'tldraw'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { bindStoreToYDoc } from '../../client/sync/bindStoreToYDoc.js'
import { createInitialDocumentUpdate } from '../../server/boards/initialDocument.js'
import {
  DOCUMENT_RECORD_TYPES,
  openBoardRecords,
  type StoredRecord,
  type YKeyValue,
} from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { DEFAULT_TEMPLATE } from '../../shared/templates.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

const NOTES = 1000
const SLICE = 250
const noteId = (n: number) => `shape:note${n}`

function noteRecord(n: number, x = n * 10): StoredRecord {
  return makeShapeRecord({
    id: noteId(n),
    type: NOTE_SHAPE_TYPE,
    x,
    y: 0,
    index: `a2${n}V`,
    props: {
      category: 'strength',
      text: `Vahvuus ${n}`,
      fields: {},
      author: 'Aino',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      ...NOTE_DEFAULT_SIZE,
      categoryChosen: false,
    },
  })
}

/**
 * A board with NOTES notes at a peer, and a client binding a fresh store to its copy, with load
 * slices run only when the test says so.
 */
function loadingBoard() {
  const peer = new Y.Doc()
  Y.applyUpdate(
    peer,
    createInitialDocumentUpdate({
      title: 'Iso taulu',
      template: DEFAULT_TEMPLATE,
      language: 'fi',
      createdAt: new Date(0),
    }),
  )
  const peerRecords = openBoardRecords(peer)
  peer.transact(() => {
    for (let n = 0; n < NOTES; n++) peerRecords.set(noteId(n), noteRecord(n))
  })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
  peer.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'network') Y.applyUpdate(doc, update, 'network')
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'network') Y.applyUpdate(peer, update, 'network')
  })
  const records = openBoardRecords(doc)
  const store: TLStore = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
  const slices: (() => void)[] = []
  let cancelled = 0
  let loaded = 0
  const rejected: string[] = []
  const unbind = bindStoreToYDoc(store, records, {
    loadSliceSize: SLICE,
    scheduleSlice: (next) => {
      slices.push(next)
      return () => cancelled++
    },
    onLoaded: () => loaded++,
    onRecordRejected: (id) => rejected.push(id),
  })
  cleanups.push(() => {
    unbind()
    store.dispose()
    doc.destroy()
    peer.destroy()
  })
  const runSlice = () => {
    const next = slices.shift()
    if (!next) throw new Error('no slice is scheduled')
    next()
  }
  const runAllSlices = () => {
    while (slices.length > 0) runSlice()
  }
  return {
    peerRecords,
    records,
    store,
    unbind,
    runSlice,
    runAllSlices,
    rejected,
    scheduled: () => slices.length,
    cancelled: () => cancelled,
    loaded: () => loaded,
  }
}

const get = (store: TLStore, id: string) => store.get(id as TLRecord['id']) as (TLRecord & StoredRecord) | undefined

/** The store's document records and the doc's records are the same set with the same content. */
function expectStoreMatchesDoc(store: TLStore, records: YKeyValue<StoredRecord>) {
  const inStore = store.allRecords().filter((record) => DOCUMENT_RECORD_TYPES.has(record.typeName))
  expect(inStore.map((record) => record.id).sort()).toEqual([...records.map.keys()].sort())
  for (const record of inStore) expect(JSON.parse(JSON.stringify(record))).toEqual(records.get(record.id))
}

/** tldraw tells its listeners about local changes on the next animation frame; a test says when. */
function flushLocalChanges(store: TLStore) {
  store._flushHistory()
}

function movePeerNote(peerRecords: YKeyValue<StoredRecord>, id: string, x: number) {
  peerRecords.set(id, { ...structuredClone(peerRecords.get(id)!), x })
}

describe('a large board loads in slices, zones first', () => {
  test('the first slice holds the page and every zone; the notes follow one slice per task', () => {
    const board = loadingBoard()
    const zones = [...board.records.map.values()].filter((entry) => entry.val.type === ZONE_SHAPE_TYPE)
    expect(zones.length).toBeGreaterThan(0)
    for (const zone of zones) expect(get(board.store, zone.key)).toBeDefined()
    expect(get(board.store, 'page:page')).toBeDefined()
    const countNotes = () => board.store.allRecords().filter((record) => record.id.startsWith('shape:note')).length
    const afterFirst = countNotes()
    expect(afterFirst).toBeGreaterThan(0)
    expect(afterFirst).toBeLessThan(SLICE)
    expect(board.loaded()).toBe(0)

    let slicesRun = 0
    while (board.scheduled() > 0) {
      board.runSlice()
      slicesRun++
    }
    expect(slicesRun).toBe(Math.ceil(board.records.map.size / SLICE) - 1)
    expect(countNotes()).toBe(NOTES)
    expect(board.loaded()).toBe(1)
    expect(board.rejected).toEqual([])
    expectStoreMatchesDoc(board.store, board.records)
  })

  test('local edits made before the last slice are kept and reach the document', () => {
    const board = loadingBoard()
    board.runSlice()
    const loadedNote = [...board.store.allRecords()].find((record) => record.id.startsWith('shape:note'))
    expect(loadedNote).toBeDefined()
    const edited = { ...(loadedNote as TLRecord & StoredRecord), x: -500 }
    // Outside mergeRemoteChanges: a change of the person using this store.
    board.store.put([edited as unknown as TLRecord])
    const created = noteRecord(NOTES + 1, 42)
    board.store.put([created as unknown as TLRecord])
    const removedZone = zoneIdOf(board)
    board.store.remove([removedZone])
    flushLocalChanges(board.store)

    board.runAllSlices()
    expect(get(board.store, edited.id)?.x).toBe(-500)
    expect(board.records.get(edited.id)?.x).toBe(-500)
    expect(get(board.store, created.id)?.x).toBe(42)
    expect(board.records.has(created.id)).toBe(true)
    expect(board.records.has(removedZone)).toBe(false)
    expectStoreMatchesDoc(board.store, board.records)
  })

  test('remote changes to notes not yet loaded arrive as the document has them, none lost or stale', () => {
    const board = loadingBoard()
    board.runSlice()
    const [waiting, waitingDeleted] = Array.from({ length: NOTES }, (_, n) => noteId(n)).filter(
      (id) => !get(board.store, id),
    )
    expect(waiting && waitingDeleted).toBeTruthy()
    movePeerNote(board.peerRecords, waiting!, 12_345)
    board.peerRecords.delete(waitingDeleted!)
    board.peerRecords.set(noteId(NOTES + 5), noteRecord(NOTES + 5, 77))
    // A loaded note moved by the peer moves here at once.
    const loadedId = [...board.store.allRecords()].find((record) => record.id.startsWith('shape:note'))!.id
    movePeerNote(board.peerRecords, loadedId, 31_337)
    expect(get(board.store, loadedId)?.x).toBe(31_337)
    expect(get(board.store, noteId(NOTES + 5))?.x).toBe(77)

    board.runAllSlices()
    expect(get(board.store, waiting!)?.x).toBe(12_345)
    expect(get(board.store, waitingDeleted!)).toBeUndefined()
    expect(board.rejected).toEqual([])
    expectStoreMatchesDoc(board.store, board.records)
  })

  test('unbinding while slices are pending cancels them', () => {
    const board = loadingBoard()
    expect(board.scheduled()).toBe(1)
    board.unbind()
    expect(board.cancelled()).toBe(1)
  })
})

function zoneIdOf(board: ReturnType<typeof loadingBoard>): TLRecord['id'] {
  const zone = [...board.records.map.values()].find((entry) => entry.val.type === ZONE_SHAPE_TYPE)
  return zone!.key as TLRecord['id']
}
