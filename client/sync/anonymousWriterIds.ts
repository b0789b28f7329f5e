import type * as Y from 'yjs'
import { FACILITATION_MAP_NAME } from '../../shared/facilitation.js'

/**
 * Yjs stamps every item a device writes with the document's client id, and stock y-websocket
 * presence is keyed by that same id, beside the person's name: anyone holding the document could
 * read the author of an anonymous note. So during an anonymous round this device writes the
 * board under an id of its own, fresh for each round and used for nothing else; outside rounds
 * (and for presence, which y-websocket ties to `doc.clientID`) the document keeps its id.
 *
 * What this cannot hide: an edit made outside the round to a note made inside it, and who was
 * seen on the canvas where a note appeared.
 */

interface Writer {
  /** The id of the current anonymous round, or null outside rounds. */
  roundId: number | null
  /** Every id this device wrote under: the document's own and each round's. */
  used: Set<number>
}

const writers = new WeakMap<Y.Doc, Writer>()

/** Whether `clientId` is one this device wrote `doc` under. */
export function isOwnClientId(doc: Y.Doc, clientId: number | undefined): boolean {
  return clientId === doc.clientID || (clientId !== undefined && (writers.get(doc)?.used.has(clientId) ?? false))
}

function freshClientId(doc: Y.Doc, used: ReadonlySet<number>): number {
  const random = new Uint32Array(1)
  do crypto.getRandomValues(random)
  while (used.has(random[0]!) || doc.store.clients.has(random[0]!))
  return random[0]!
}

/** Follows the board's anonymous mode, giving each round its own writer id; returns the stop. */
export function writeAnonymousRoundsUnderFreshIds(doc: Y.Doc): () => void {
  const writer: Writer = { roundId: null, used: new Set([doc.clientID]) }
  writers.set(doc, writer)
  const facilitation = doc.getMap(FACILITATION_MAP_NAME)
  const follow = () => {
    const anonymous = facilitation.get('anonymous') === true
    if (anonymous === (writer.roundId !== null)) return
    writer.roundId = anonymous ? freshClientId(doc, writer.used) : null
    if (writer.roundId !== null) writer.used.add(writer.roundId)
  }
  follow()
  facilitation.observe(follow)
  return () => {
    facilitation.unobserve(follow)
    writers.delete(doc)
  }
}

/**
 * `doc.transact` for this device's own edits: in an anonymous round the items it makes carry the
 * round's id. Yjs reads `doc.clientID` when it creates an item, and a local transaction ends
 * (and is sent) before this returns, so the id is back before anything else runs.
 */
export function transactAsWriter(doc: Y.Doc, write: () => void, origin: unknown): void {
  const roundId = writers.get(doc)?.roundId ?? null
  if (roundId === null) {
    doc.transact(write, origin)
    return
  }
  const ownId = doc.clientID
  doc.clientID = roundId
  try {
    doc.transact(write, origin)
  } finally {
    doc.clientID = ownId
  }
}
