import {
  atom,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  bindPresenceToAwareness,
  presenceIdForClient,
  PRESENCE_FIELD,
} from '../../client/sync/bindPresenceToAwareness.js'
import { waitFor } from '../helpers/yclient.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function presence(name: string, x: number, lastActivityTimestamp = 1_000): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId('local'),
    userId: createUserId(name),
    userName: name,
    color: '#1C7ED6',
    currentPageId: 'page:page' as never,
    cursor: { x, y: 10, type: 'default', rotation: 0 },
    lastActivityTimestamp,
  })
}

/** Two awareness instances that hear each other, as two browsers through the server. */
function linkedAwareness() {
  const a = new awarenessProtocol.Awareness(new Y.Doc())
  const b = new awarenessProtocol.Awareness(new Y.Doc())
  const relay = (from: awarenessProtocol.Awareness, to: awarenessProtocol.Awareness) =>
    from.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === 'relay') return
        const changed = [...added, ...updated, ...removed]
        awarenessProtocol.applyAwarenessUpdate(to, awarenessProtocol.encodeAwarenessUpdate(from, changed), 'relay')
      },
    )
  relay(a, b)
  relay(b, a)
  cleanups.push(() => {
    a.destroy()
    b.destroy()
  })
  return { a, b }
}

function store(): TLStore {
  const created = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  cleanups.push(() => created.dispose())
  return created
}

describe('bindPresenceToAwareness', () => {
  it('shares local presence through awareness and mirrors the peer as an instance_presence record', async () => {
    const { a, b } = linkedAwareness()
    const storeA = store()
    const storeB = store()
    const $a = atom<TLInstancePresence | null>('a', presence('Aino', 10))
    const $b = atom<TLInstancePresence | null>('b', null)
    cleanups.push(bindPresenceToAwareness(storeA, a, $a, { throttleMs: 0 }))
    cleanups.push(bindPresenceToAwareness(storeB, b, $b, { throttleMs: 0 }))

    const mirrored = () => storeB.get(presenceIdForClient(a.clientID))
    await waitFor(() => mirrored()?.userName === 'Aino', 'Aino in B')
    expect(mirrored()?.cursor).toMatchObject({ x: 10 })
    // Our own presence is never mirrored into our own store.
    expect(storeA.query.records('instance_presence').get()).toEqual([])

    $a.set(presence('Aino', 250))
    await waitFor(() => mirrored()?.cursor?.x === 250, 'cursor move in B')

    // Leaving (state removed) removes the record.
    awarenessProtocol.removeAwarenessStates(a, [a.clientID], 'test')
    await waitFor(() => mirrored() === undefined, 'Aino gone from B')
  })

  it('throttles broadcasts but always ends with the latest state', async () => {
    const { a } = linkedAwareness()
    const $a = atom<TLInstancePresence | null>('a', presence('Aino', 0))
    let broadcasts = 0
    a.on('change', () => broadcasts++)
    cleanups.push(bindPresenceToAwareness(store(), a, $a, { throttleMs: 40 }))
    for (let x = 1; x <= 50; x++) $a.set(presence('Aino', x))
    await waitFor(
      () => (a.getLocalState()?.[PRESENCE_FIELD] as TLInstancePresence | undefined)?.cursor?.x === 50,
      'last move',
    )
    expect(broadcasts).toBeLessThan(10)
  })

  it('skips a malformed presence from one peer and keeps the others', async () => {
    const local = new awarenessProtocol.Awareness(new Y.Doc())
    const good = new awarenessProtocol.Awareness(new Y.Doc())
    const bad = new awarenessProtocol.Awareness(new Y.Doc())
    cleanups.push(() => {
      for (const awareness of [local, good, bad]) awareness.destroy()
    })
    const s = store()
    cleanups.push(bindPresenceToAwareness(s, local, atom('none', null)))
    good.setLocalStateField(PRESENCE_FIELD, presence('Greta', 5))
    bad.setLocalStateField(PRESENCE_FIELD, { ...presence('Rikki', 5), cursor: 'not a cursor' })
    // Both arrive in one update, as the server sends everyone's state to a client that joins.
    const hub = new awarenessProtocol.Awareness(new Y.Doc())
    cleanups.push(() => hub.destroy())
    for (const peer of [bad, good]) {
      awarenessProtocol.applyAwarenessUpdate(
        hub,
        awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID]),
        'peer',
      )
    }
    awarenessProtocol.applyAwarenessUpdate(
      local,
      awarenessProtocol.encodeAwarenessUpdate(hub, [bad.clientID, good.clientID]),
      'server',
    )
    await waitFor(() => s.get(presenceIdForClient(good.clientID)) !== undefined, 'Greta')
    expect(s.get(presenceIdForClient(bad.clientID))).toBeUndefined()
  })

  it('re-stamps peer activity with local time, so a skewed peer clock does not hide cursors', async () => {
    const { a, b } = linkedAwareness()
    const storeB = store()
    let now = 5_000_000
    const skewed = presence('Aino', 1, 42) // a peer whose clock is far behind
    const $a = atom<TLInstancePresence | null>('a', skewed)
    cleanups.push(bindPresenceToAwareness(store(), a, $a, { throttleMs: 0 }))
    cleanups.push(bindPresenceToAwareness(storeB, b, atom('b', null), { throttleMs: 0, now: () => now }))
    await waitFor(() => storeB.get(presenceIdForClient(a.clientID)) !== undefined, 'Aino in B')
    expect(storeB.get(presenceIdForClient(a.clientID))?.lastActivityTimestamp).toBe(5_000_000)
    now = 6_000_000
    $a.set(presence('Aino', 2, 43))
    await waitFor(() => storeB.get(presenceIdForClient(a.clientID))?.lastActivityTimestamp === 6_000_000, 'new stamp')
  })
})
