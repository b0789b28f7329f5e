import * as Y from 'yjs'
import { expect, test } from 'vitest'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { noteRecord } from '../helpers/records.js'

/** Encoded size after `moves` writes, dragging a group of `groupSize` notes one frame at a time. */
function sizeAfterDrag(kind: 'ymap' | 'ykeyvalue', moves: number, groupSize: number): number {
  const doc = new Y.Doc()
  const keyValue = kind === 'ykeyvalue' ? openBoardRecords(doc) : null
  const map = keyValue ? null : doc.getMap<StoredRecord>('records')
  for (let frame = 0; frame < moves / groupSize; frame++) {
    // tldraw writes every moved shape of a frame in one transaction.
    doc.transact(() => {
      for (let n = 0; n < groupSize; n++) {
        const record = noteRecord(`n${n}`, 'Yhteistyö korkeakoulujen kanssa', frame, frame)
        if (keyValue) keyValue.set(record.id, record)
        else map!.set(record.id, record)
      }
    })
  }
  return Y.encodeStateAsUpdate(doc).byteLength
}

test('the chosen layout (YKeyValue) stays small when notes are dragged thousands of times', () => {
  const liveSize = sizeAfterDrag('ykeyvalue', 5, 5)
  const keyValue = sizeAfterDrag('ykeyvalue', 10_000, 5)
  const plainMap = sizeAfterDrag('ymap', 10_000, 5)
  // Y.Map keeps a tombstone for every overwritten value when several keys change together;
  // YKeyValue's deleted array items merge, so its size stays near the live records' size.
  expect(keyValue).toBeLessThan(liveSize * 2)
  expect(plainMap).toBeGreaterThan(keyValue * 10)
  console.info(`10,000 note moves in groups of 5: YKeyValue ${keyValue} B, Y.Map ${plainMap} B (live ${liveSize} B)`)
})

test('a board record set through YKeyValue reads back from a peer document', () => {
  const a = new Y.Doc()
  const b = new Y.Doc()
  const recordsA = openBoardRecords(a)
  const recordsB = openBoardRecords(b)
  recordsA.set('shape:x', noteRecord('x', 'Åbo – Turku'))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  expect(recordsB.get('shape:x')).toEqual(noteRecord('x', 'Åbo – Turku'))
  recordsB.delete('shape:x')
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
  expect(recordsA.has('shape:x')).toBe(false)
})

test('reading and writing records without a YKeyValue view agrees with YKeyValue', async () => {
  const { readBoardRecords, writeBoardRecords } = await import('../../shared/boardDocument.js')
  const a = new Y.Doc()
  const b = new Y.Doc()
  const recordsA = openBoardRecords(a)
  recordsA.set('shape:x', noteRecord('x', 'vanha'))
  recordsA.set('shape:y', noteRecord('y', 'pysyy'))
  a.transact(() => writeBoardRecords(a, [noteRecord('x', 'uusi'), noteRecord('z', 'lisätty')]))
  expect(recordsA.get('shape:x')).toEqual(noteRecord('x', 'uusi'))
  expect(readBoardRecords(a).map((record) => record.id)).toEqual(['shape:y', 'shape:x', 'shape:z'])
  // Concurrent writes of one key leave two entries until a YKeyValue cleans up: the rightmost wins.
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  b.getArray('records').push([{ key: 'shape:y', val: noteRecord('y', 'toinen') }])
  expect(readBoardRecords(b).find((record) => record.id === 'shape:y')).toEqual(noteRecord('y', 'toinen'))
})
