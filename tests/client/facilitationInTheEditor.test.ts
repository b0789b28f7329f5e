import {
  atom,
  createTLStore,
  defaultBindingUtils,
  type Editor,
  InstancePresenceRecordType,
  PageRecordType,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { facilitationSignal } from '../../client/facilitation/facilitationState.js'
import { userIdsByParticipant } from '../../client/facilitation/presenceOfParticipants.js'
import { leaderUserId, registerFacilitation } from '../../client/facilitation/registerFacilitation.js'
import { formatCountdown } from '../../client/facilitation/timerFormat.js'
import { PRESENCE_FIELD } from '../../client/sync/bindPresenceToAwareness.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import {
  DEFAULT_FACILITATION,
  FACILITATION_MAP_NAME,
  type FacilitationState,
  PARTICIPANT_AWARENESS_FIELD,
} from '../../shared/facilitation.js'
import { headlessEditor } from '../helpers/headlessEditor.js'

const opened: { editor: Editor; store: TLStore }[] = []
afterEach(() => {
  for (const { editor, store } of opened.splice(0)) {
    editor.dispose()
    store.dispose()
  }
})

function editorWithPage(): Editor {
  const store = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
  const editor = headlessEditor(store, boardShapeUtils, defaultBindingUtils)
  if (editor.getPages().length === 0) editor.createPage({ id: PageRecordType.createId('page'), name: 'Page' })
  opened.push({ editor, store })
  return editor
}

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The facilitator's presence as it arrives from awareness: their viewport at (x, y), zoom 1. */
function putLeaderPresence(editor: Editor, at: { x: number; y: number }) {
  const presence = InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId('yjs-99'),
    userId: leaderUserId('leader-1'),
    userName: 'Fasilitaattori',
    currentPageId: editor.getCurrentPageId(),
    camera: { x: -at.x, y: -at.y, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1000, h: 600 },
    lastActivityTimestamp: Date.now(),
  })
  editor.store.mergeRemoteChanges(() => editor.store.put([presence]))
}

describe('facilitation in the editor', () => {
  it('formats countdowns as mm:ss (h:mm:ss past an hour), rounding seconds up', () => {
    expect(formatCountdown(0)).toBe('00:00')
    expect(formatCountdown(1)).toBe('00:01')
    expect(formatCountdown(59_001)).toBe('01:00')
    expect(formatCountdown(10 * 60_000)).toBe('10:00')
    expect(formatCountdown(3_600_000 + 5_000)).toBe('1:00:05')
    expect(formatCountdown(-5)).toBe('00:00')
  })

  it('reads the state the server writes into the document, and follows its changes', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    client.on('update', () => {})
    const signal = facilitationSignal(client)
    expect(signal.get()).toEqual(DEFAULT_FACILITATION)
    server.getMap(FACILITATION_MAP_NAME).set('frozen', true)
    server.getMap(FACILITATION_MAP_NAME).set('timer', { status: 'paused', remainingMs: 5000, durationMs: 60_000 })
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    expect(signal.get().frozen).toBe(true)
    expect(signal.get().timer).toEqual({ status: 'paused', remainingMs: 5000, durationMs: 60_000 })
    // The same signal for the same document: one observer however many components ask.
    expect(facilitationSignal(client)).toBe(signal)
  })

  it('makes notes created during an anonymous round authorless and marked; others keep their author', () => {
    const editor = editorWithPage()
    const facilitation = atom<FacilitationState>('facilitation', { ...DEFAULT_FACILITATION, anonymous: true })
    const binding = registerFacilitation(editor, facilitation, 'edit')
    const props = { author: 'Aino', text: 'Salainen', createdAt: 1, updatedAt: 1 }
    editor.createShape({ type: NOTE_SHAPE_TYPE, x: 0, y: 0, props })
    facilitation.set({ ...DEFAULT_FACILITATION, anonymous: false })
    editor.createShape({ type: NOTE_SHAPE_TYPE, x: 300, y: 0, props: { ...props, text: 'Julkinen' } })
    const notes = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === NOTE_SHAPE_TYPE)
      .map((shape) => ({ props: shape.props as { author: string; text: string }, meta: shape.meta }))
      .sort((a, b) => a.props.text.localeCompare(b.props.text))
    expect(notes.map((note) => [note.props.text, note.props.author, note.meta.anonymous ?? false])).toEqual([
      ['Julkinen', 'Aino', false],
      ['Salainen', '', true],
    ])
    binding.stop()
  })

  it("follows the facilitator's view in follow mode, notices stepping out, follows again, and is released", async () => {
    const editor = editorWithPage()
    putLeaderPresence(editor, { x: 2000, y: 1000 })
    const facilitation = atom<FacilitationState>('facilitation', DEFAULT_FACILITATION)
    const binding = registerFacilitation(editor, facilitation, 'edit')
    const order = { userId: leaderUserId('leader-1'), name: 'Fasilitaattori', issuedAt: 1 }

    facilitation.set({ ...DEFAULT_FACILITATION, follow: { mode: 'follow', ...order } })
    await microtasks()
    expect(editor.getInstanceState().followingUserId).toBe(leaderUserId('leader-1'))
    expect(binding.steppedOut.get()).toBe(false)

    // tldraw stops following when the person moves their own camera.
    editor.stopFollowingUser()
    await microtasks()
    expect(binding.steppedOut.get()).toBe(true)
    binding.followAgain()
    await microtasks()
    expect(editor.getInstanceState().followingUserId).toBe(leaderUserId('leader-1'))
    expect(binding.steppedOut.get()).toBe(false)

    facilitation.set({ ...DEFAULT_FACILITATION, follow: { mode: 'none' } })
    await microtasks()
    expect(editor.getInstanceState().followingUserId).toBeNull()
    binding.stop()
  })

  it("moves the camera to the facilitator's view once for a new 'once', not for one already in the document", async () => {
    const editor = editorWithPage()
    putLeaderPresence(editor, { x: 2000, y: 1000 })
    const old = { mode: 'once' as const, userId: 'leader-1', name: 'F', issuedAt: 1 }
    const facilitation = atom<FacilitationState>('facilitation', { ...DEFAULT_FACILITATION, follow: old })
    const binding = registerFacilitation(editor, facilitation, 'edit')
    await microtasks()
    const before = editor.getViewportPageBounds().center
    expect(Math.hypot(before.x - 2500, before.y - 1300)).toBeGreaterThan(100)

    facilitation.set({ ...DEFAULT_FACILITATION, follow: { ...old, issuedAt: 2 } })
    await microtasks()
    // The camera animates there: ticks (frames) carry it to the end.
    const wanted = { x: 2000 + 500, y: 1000 + 300 }
    await expect
      .poll(() => {
        editor.emit('tick', 1000)
        const center = editor.getViewportPageBounds().center
        return Math.hypot(center.x - wanted.x, center.y - wanted.y)
      })
      .toBeLessThan(2)
    binding.stop()
  })

  it("finds each participant's tldraw user from their awareness state, leaving out our own tab", () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalStateField(PARTICIPANT_AWARENESS_FIELD, { id: 'p_ownownownownownown', group: 'business' })
    const peerDoc = new Y.Doc()
    const peer = new Awareness(peerDoc)
    peer.setLocalState({
      [PARTICIPANT_AWARENESS_FIELD]: { id: 'p_peerpeerpeerpeerpe', group: 'municipality' },
      [PRESENCE_FIELD]: { userId: 'user:peer' },
    })
    const states = awareness.getStates()
    states.set(peer.clientID, peer.getLocalState() ?? {})
    expect([...userIdsByParticipant(awareness)]).toEqual([['p_peerpeerpeerpeerpe', 'user:peer']])
    awareness.destroy()
    peer.destroy()
  })
})
