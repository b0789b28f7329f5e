/**
 * A seeded source of websocket frames for the sync endpoint: valid frames, valid frames mutated
 * byte by byte, truncated varints, huge declared lengths, unknown message types, updates that can
 * never apply (pending structs or deletions of unknown items), updates with records that are not
 * records or that touch types the board does not have, awareness garbage, and random bytes. The
 * same seed always gives the same frames, so a failing run is replayed by its seed and index.
 */
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { getMetaMap, openBoardRecords } from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME } from '../../shared/facilitation.js'
import { seededRandom } from './random.js'
import { noteRecord } from './records.js'

export type FuzzKind =
  | 'valid'
  | 'mutated'
  | 'truncated-varint'
  | 'huge-length'
  | 'unknown-type'
  | 'unresolvable'
  | 'invalid-record'
  | 'foreign-type'
  | 'awareness-garbage'
  | 'random-bytes'
  | 'near-frame-limit'

export interface FuzzFrame {
  index: number
  kind: FuzzKind
  frame: Uint8Array
}

type Random = ReturnType<typeof seededRandom>

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const syncFrame = (syncType: number, payload: Uint8Array) =>
  build((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, syncType)
    encoding.writeVarUint8Array(encoder, payload)
  })

const awarenessFrame = (payload: Uint8Array) =>
  build((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, payload)
  })

/** A client id drawn from the seed (Yjs would pick one at random, and frames would differ). */
const clientIdOf = (random: Random) => 1 + random.int(2 ** 31 - 2)

/** The updates a fresh client (of id `clientId`) makes by running `change` on its own document. */
function updatesOf(clientId: number, change: (doc: Y.Doc) => void): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  change(doc)
  doc.destroy()
  return updates
}

/** A small text of 0–`max` characters, Finnish letters and controls included. */
function text(random: Random, max: number): string {
  const alphabet = 'aäöåbcdeéfghijklmnopqrsšžtuvwxyz ÄÖÅ0123456789\n\t"\\<>&\u0000\u202e😀'
  return Array.from({ length: random.int(max + 1) }, () => random.pick([...alphabet])).join('')
}

/** A valid frame such as a real client sends. */
function validFrame(random: Random): Uint8Array {
  switch (random.int(6)) {
    case 0:
      return syncFrame(SYNC_STEP_1, Y.encodeStateVector(new Y.Doc()))
    case 1:
    case 2: {
      const id = `fz${random.int(50)}`
      const [update] = updatesOf(clientIdOf(random), (doc) =>
        openBoardRecords(doc).set(`shape:${id}`, noteRecord(id, text(random, 40), random.int(2000), random.int(2000))),
      )
      return syncFrame(random.next() < 0.5 ? SYNC_UPDATE : SYNC_STEP_2, update!)
    }
    case 3: {
      const doc = new Y.Doc()
      doc.clientID = clientIdOf(random)
      const awareness = new awarenessProtocol.Awareness(doc)
      awareness.setLocalState({ cursor: { x: random.int(1000), y: random.int(1000) }, name: text(random, 12) })
      const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
      awareness.destroy()
      doc.destroy()
      return frame
    }
    case 4:
      return build((encoder) => encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS))
    default:
      return syncFrame(SYNC_UPDATE, Uint8Array.from([0, 0]))
  }
}

/** Flips bits, overwrites, inserts, deletes, duplicates or truncates bytes of `frame`. */
function mutate(random: Random, frame: Uint8Array): Uint8Array {
  let bytes = Array.from(frame)
  for (let edits = 1 + random.int(4); edits > 0; edits--) {
    const at = random.int(Math.max(1, bytes.length))
    switch (random.int(6)) {
      case 0:
        if (bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << random.int(8))
        break
      case 1:
        if (bytes.length > 0) bytes[at] = random.int(256)
        break
      case 2:
        bytes.splice(at, 0, ...Array.from({ length: 1 + random.int(8) }, () => random.int(256)))
        break
      case 3:
        bytes.splice(at, 1 + random.int(8))
        break
      case 4:
        bytes.splice(at, 0, ...bytes.slice(at, at + 1 + random.int(16)))
        break
      default:
        bytes = bytes.slice(0, at)
    }
  }
  return Uint8Array.from(bytes)
}

/** A valid prefix ending in a varint whose continuation bit never stops. */
function truncatedVarint(random: Random): Uint8Array {
  const prefix = random.pick([[], [MESSAGE_SYNC], [MESSAGE_SYNC, SYNC_UPDATE], [MESSAGE_SYNC, SYNC_UPDATE, 3, 1]])
  return Uint8Array.from([...prefix, ...Array.from({ length: 1 + random.int(12) }, () => 0x80 | random.int(128))])
}

/** A frame declaring a payload (or a count inside one) far longer than what follows. */
function hugeLength(random: Random): Uint8Array {
  const length = random.pick([2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, 0x7fffffff])
  const tail = Array.from({ length: random.int(16) }, () => random.int(256))
  switch (random.int(4)) {
    case 0:
      return build((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        encoding.writeVarUint(encoder, random.pick([SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE]))
        encoding.writeVarUint(encoder, length)
        encoding.writeUint8Array(encoder, Uint8Array.from(tail))
      })
    case 1:
      // Inside a well-framed update: a huge number of clients, structs or deletions.
      return syncFrame(
        SYNC_UPDATE,
        build((encoder) => {
          encoding.writeVarUint(encoder, random.int(2) === 0 ? length : 1)
          encoding.writeVarUint(encoder, length)
          encoding.writeUint8Array(encoder, Uint8Array.from(tail))
        }),
      )
    case 2:
      // An awareness update announcing a huge number of entries, or a huge state.
      return awarenessFrame(
        build((encoder) => {
          encoding.writeVarUint(encoder, random.int(2) === 0 ? length : 1)
          encoding.writeVarUint(encoder, random.int(2 ** 32))
          encoding.writeVarUint(encoder, random.int(2 ** 32))
          encoding.writeVarUint(encoder, length)
          encoding.writeUint8Array(encoder, Uint8Array.from(tail))
        }),
      )
    default:
      // A state vector with a huge number of entries.
      return syncFrame(
        SYNC_STEP_1,
        build((encoder) => {
          encoding.writeVarUint(encoder, length)
          encoding.writeUint8Array(encoder, Uint8Array.from(tail))
        }),
      )
  }
}

function unknownType(random: Random): Uint8Array {
  return random.next() < 0.5
    ? build((encoder) => {
        encoding.writeVarUint(encoder, 4 + random.int(2 ** 20))
        encoding.writeVarUint8Array(encoder, Uint8Array.from([1, 2, 3]))
      })
    : syncFrame(3 + random.int(1000), Uint8Array.from([0, 0]))
}

/** A valid update that can never apply here: it continues items or deletes items never sent. */
function unresolvable(random: Random): Uint8Array {
  if (random.next() < 0.5) {
    const updates = updatesOf(clientIdOf(random), (doc) => {
      const records = openBoardRecords(doc)
      for (let i = 0; i < 2 + random.int(3); i++)
        records.set(`shape:orphan${i}`, noteRecord(`orphan${i}`, text(random, 20)))
    })
    return syncFrame(SYNC_UPDATE, updates[1 + random.int(updates.length - 1)]!)
  }
  // Only a delete set, naming a client and clocks the server has never seen.
  return syncFrame(
    SYNC_UPDATE,
    build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint(encoder, 2_000_000 + random.int(1_000_000))
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint(encoder, random.int(100))
      encoding.writeVarUint(encoder, 1 + random.int(100))
    }),
  )
}

/** A valid update writing something into the records that is not a record of this board. */
function invalidRecord(random: Random): Uint8Array {
  const values: unknown[] = [
    42,
    null,
    'shape',
    [],
    { id: 'shape:bad', typeName: 'shape' },
    { id: 'shape:bad2', typeName: 'shape', type: 'note', x: 'left', y: Number.NaN, props: 7 },
    { ...noteRecord('bad3', 'x'), typeName: 'spaceship' },
    { ...noteRecord('bad4', 'x'), id: 'not-an-id' },
    { ...noteRecord('bad5', 'x'), parentId: 'page:nowhere', index: '' },
    { id: 'document:document', typeName: 'document', name: text(random, 10), meta: { evil: true } },
  ]
  const [update] = updatesOf(clientIdOf(random), (doc) => {
    const records = openBoardRecords(doc)
    const value = random.pick(values)
    const key = random.next() < 0.3 ? 'shape:fz1' : `shape:invalid${random.int(10)}`
    records.set(key, value as never)
  })
  return syncFrame(SYNC_UPDATE, update!)
}

/** A valid update to types the board does not have, or that only the server writes. */
function foreignType(random: Random): Uint8Array {
  const [update] = updatesOf(clientIdOf(random), (doc) => {
    switch (random.int(4)) {
      case 0:
        doc.getMap(`evil${random.int(5)}`).set('x', text(random, 30))
        break
      case 1:
        doc.getText('text').insert(0, `t${text(random, 30)}`)
        break
      case 2:
        doc.getMap(FACILITATION_MAP_NAME).set(random.pick(['frozen', 'timer', 'anonymous']), { forged: true })
        break
      default:
        getMetaMap(doc).set('schema', random.pick([null, 'garbage', { schemaVersion: 999 }]))
    }
  })
  return syncFrame(SYNC_UPDATE, update!)
}

/** Well-framed awareness updates whose entries are not what awareness expects. */
function awarenessGarbage(random: Random): Uint8Array {
  const states = ['{', 'null', '"x"', '[]', '{"a":', '\u0000', '{"cursor":{"x":1e999}}', '9'.repeat(400)]
  return awarenessFrame(
    build((encoder) => {
      const count = 1 + random.int(5)
      encoding.writeVarUint(encoder, count)
      for (let i = 0; i < count; i++) {
        encoding.writeVarUint(encoder, random.int(2 ** 32))
        encoding.writeVarUint(encoder, random.pick([0, 1, random.int(2 ** 32)]))
        encoding.writeVarString(encoder, random.pick(states))
      }
    }),
  )
}

function randomBytes(random: Random): Uint8Array {
  return Uint8Array.from({ length: random.int(64) }, () => random.int(256))
}

/** A well-framed update just under or just over the frame limit (rare: each costs real work). */
function nearFrameLimit(random: Random, maxMessageBytes: number): Uint8Array {
  const size = maxMessageBytes + random.pick([-64, -1, 0, 1, 64])
  const frame = new Uint8Array(Math.max(0, size))
  frame.set(syncFrame(SYNC_UPDATE, Uint8Array.from([0, 0])).subarray(0, 2))
  return frame
}

/** The frames of `seed`, in order: the same seed always gives the same frames. */
export function* fuzzFrames(seed: number, count: number, maxMessageBytes = 2 * 1024 * 1024): Generator<FuzzFrame> {
  const random = seededRandom(seed)
  for (let index = 0; index < count; index++) {
    const roll = random.next()
    let kind: FuzzKind
    let frame: Uint8Array
    if (roll < 0.15) [kind, frame] = ['valid', validFrame(random)]
    else if (roll < 0.5) [kind, frame] = ['mutated', mutate(random, validFrame(random))]
    else if (roll < 0.56) [kind, frame] = ['truncated-varint', truncatedVarint(random)]
    else if (roll < 0.63) [kind, frame] = ['huge-length', hugeLength(random)]
    else if (roll < 0.68) [kind, frame] = ['unknown-type', unknownType(random)]
    else if (roll < 0.75) [kind, frame] = ['unresolvable', unresolvable(random)]
    else if (roll < 0.83) [kind, frame] = ['invalid-record', invalidRecord(random)]
    else if (roll < 0.89) [kind, frame] = ['foreign-type', foreignType(random)]
    else if (roll < 0.95) [kind, frame] = ['awareness-garbage', awarenessGarbage(random)]
    else if (roll < 0.995) [kind, frame] = ['random-bytes', randomBytes(random)]
    else [kind, frame] = ['near-frame-limit', nearFrameLimit(random, maxMessageBytes)]
    yield { index, kind, frame }
  }
}
