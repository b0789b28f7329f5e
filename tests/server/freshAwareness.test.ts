import * as encoding from 'lib0/encoding'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { readFreshAwareness } from '../../server/sync/freshAwareness.js'
import { ProtocolError } from '../../server/sync/protocol.js'

function awarenessOf(state: object | null): Awareness {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(state)
  return awareness
}

/** A hand-written awareness update: [clientId, clock, state JSON] entries. */
function rawUpdate(entries: [number, number, string][]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}

test('an update the room has not seen passes whole', () => {
  const sender = awarenessOf({ cursor: { x: 1 } })
  const room = awarenessOf(null)
  const update = encodeAwarenessUpdate(sender, [sender.clientID])
  expect(readFreshAwareness(room, update)).toBe(update)
})

test('an echo of a state the room already has is dropped', () => {
  const sender = awarenessOf({ cursor: { x: 1 } })
  const room = awarenessOf(null)
  const update = encodeAwarenessUpdate(sender, [sender.clientID])
  applyAwarenessUpdate(room, readFreshAwareness(room, update)!, 'first')
  expect(readFreshAwareness(room, update)).toBeNull()
  sender.setLocalStateField('cursor', { x: 2 })
  expect(readFreshAwareness(room, encodeAwarenessUpdate(sender, [sender.clientID]))).not.toBeNull()
})

test('of mixed entries only the new ones are kept', () => {
  const room = awarenessOf(null)
  room.meta.set(7, { clock: 5, lastUpdated: Date.now() })
  room.states.set(7, { cursor: 'old' })
  const fresh = readFreshAwareness(
    room,
    rawUpdate([
      [7, 5, '{"cursor":"echo"}'],
      [8, 1, '{"cursor":"new"}'],
      [7, 4, '{}'],
    ]),
  )!
  expect(fresh).toEqual(rawUpdate([[8, 1, '{"cursor":"new"}']]))
})

test('a removal at the same clock still counts, as y-protocols has it', () => {
  const room = awarenessOf(null)
  room.meta.set(7, { clock: 5, lastUpdated: Date.now() })
  room.states.set(7, { cursor: 'here' })
  const removal = rawUpdate([[7, 5, 'null']])
  expect(readFreshAwareness(room, removal)).toBe(removal)
})

test('a new entry whose state is not JSON, or a truncated update, is a protocol error', () => {
  const room = awarenessOf(null)
  expect(() => readFreshAwareness(room, rawUpdate([[9, 1, '{not json']]))).toThrow(ProtocolError)
  expect(() => readFreshAwareness(room, new Uint8Array([3, 250, 255, 255]))).toThrow(ProtocolError)
})
