/**
 * What the facilitation state does to this person's editor: anonymous notes and following the
 * facilitator. (Freezing is the store's collaboration mode, see board/useBoardStore.ts.) The
 * server enforces all of it; this makes the client show and send the right thing to begin with.
 */
import {
  atom,
  Box,
  computed,
  createUserId,
  type Editor,
  react,
  type Signal,
  type TLInstancePresence,
  type TLShape,
  type TLUserId,
} from 'tldraw'
import type { Role } from '../../shared/api.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { FacilitationState } from '../../shared/facilitation.js'

/** tldraw's own sticky note, which the note tool makes. */
const TLDRAW_NOTE_TYPE = 'note'

/** The facilitator's tldraw user id as a presence record carries it (commands may send it without prefix). */
export function leaderUserId(userId: string): TLUserId {
  return userId.startsWith('user:') ? (userId as TLUserId) : createUserId(userId)
}

/** A note made during an anonymous round: no author, marked so that exports and the server know. */
export function anonymised(shape: TLShape): TLShape {
  if (shape.type !== NOTE_SHAPE_TYPE && shape.type !== TLDRAW_NOTE_TYPE) return shape
  const props: object = shape.props
  const withoutAuthor =
    'author' in props
      ? { ...props, author: '' }
      : 'textLastEditedBy' in props
        ? { ...props, textLastEditedBy: null }
        : props
  return { ...shape, props: withoutAuthor, meta: { ...shape.meta, anonymous: true } } as TLShape
}

/** The page area a collaborator sees, from their presence. */
function viewportOf(presence: TLInstancePresence): Box | null {
  const { camera, screenBounds } = presence
  if (!camera || !screenBounds || camera.z <= 0) return null
  return new Box(-camera.x, -camera.y, screenBounds.w / camera.z, screenBounds.h / camera.z)
}

export interface FacilitationBinding {
  /** True while the facilitator keeps everyone following and this person has stepped out. */
  steppedOut: Signal<boolean>
  /** Follows the facilitator again after stepping out. */
  followAgain(): void
  stop(): void
}

const bindings = new WeakMap<Editor, FacilitationBinding>()

/** The binding registered for `editor`, for UI inside the canvas. */
export function facilitationBinding(editor: Editor): FacilitationBinding | undefined {
  return bindings.get(editor)
}

/** Wires the facilitation state into `editor`; returns the binding, whose `stop` undoes it. */
export function registerFacilitation(
  editor: Editor,
  facilitation: Signal<FacilitationState>,
  role: Role,
): FacilitationBinding {
  const stopAnonymous = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
    source === 'user' && facilitation.get().anonymous ? anonymised(shape) : shape,
  )
  // tldraw's note stamps who last edited its text; an anonymous note keeps nobody's.
  const stopAnonymousEdits = editor.sideEffects.registerBeforeChangeHandler('shape', (_previous, next, source) =>
    source === 'user' && next.type === TLDRAW_NOTE_TYPE && next.meta.anonymous === true ? anonymised(next) : next,
  )

  // Frozen: a participant's open note editor closes rather than type into a read-only board.
  const $frozenForMe = computed('frozen for me', () => role === 'edit' && facilitation.get().frozen)
  const stopFrozen = react('leave editing when frozen', () => {
    if (!$frozenForMe.get()) return
    queueMicrotask(() => {
      if (editor.getEditingShapeId() !== null) editor.setEditingShape(null)
      if (editor.getCurrentToolId() !== 'select') editor.setCurrentTool('select')
    })
  })

  const steppedOut = atom('stepped out of following', false)
  const initial = facilitation.get().follow
  // A 'once' already in the document when we arrive is history: only a new one moves the camera.
  let handledOnceAt = initial.mode === 'once' ? initial.issuedAt : null
  // The 'follow' order (by issuedAt) we started following, so that losing it means stepping out.
  let followedOrder: number | null = null

  const $follow = computed('follow order', () => facilitation.get().follow)
  const $followingUserId = computed('following user', () => editor.getInstanceState().followingUserId)
  const $leaderPresent = computed('leader present', () => {
    const follow = $follow.get()
    if (follow.mode === 'none') return false
    const leader = leaderUserId(follow.userId)
    return editor.getCollaborators().some((presence) => presence.userId === leader)
  })
  const leaderPresence = (leader: TLUserId) => editor.getCollaborators().find((presence) => presence.userId === leader)

  // Camera moves are deferred out of the reaction: tldraw's following sets up reactions of its own.
  const stopFollow = react('follow the facilitator', () => {
    const follow = $follow.get()
    const followingUserId = $followingUserId.get()
    const present = $leaderPresent.get()
    if (follow.mode === 'none') {
      steppedOut.set(false)
      if (followedOrder !== null && followingUserId !== null) queueMicrotask(() => editor.stopFollowingUser())
      followedOrder = null
      return
    }
    const leader = leaderUserId(follow.userId)
    if (leader === editor.user.getRecordId()) return
    if (follow.mode === 'once') {
      steppedOut.set(false)
      followedOrder = null
      if (follow.issuedAt === handledOnceAt || !present) return
      handledOnceAt = follow.issuedAt
      queueMicrotask(() => {
        const presence = leaderPresence(leader)
        const viewport = presence ? viewportOf(presence) : null
        if (!presence || !viewport) return
        if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
        if (presence.currentPageId !== editor.getCurrentPageId() && editor.getPage(presence.currentPageId)) {
          editor.setCurrentPage(presence.currentPageId)
        }
        editor.zoomToBounds(viewport, { inset: 0, animation: { duration: 400 } })
      })
      return
    }
    if (followingUserId === leader) {
      followedOrder = follow.issuedAt
      steppedOut.set(false)
      return
    }
    if (!present) {
      // The facilitator is reconnecting (tldraw stopped following): follow again once they are back.
      followedOrder = null
      steppedOut.set(false)
      return
    }
    if (followedOrder === follow.issuedAt) {
      steppedOut.set(true)
      return
    }
    followedOrder = follow.issuedAt
    queueMicrotask(() => editor.startFollowingUser(leader))
  })

  const binding: FacilitationBinding = {
    steppedOut,
    followAgain() {
      const follow = facilitation.get().follow
      if (follow.mode !== 'follow') return
      steppedOut.set(false)
      editor.startFollowingUser(leaderUserId(follow.userId))
    },
    stop() {
      stopAnonymous()
      stopAnonymousEdits()
      stopFrozen()
      stopFollow()
      if (bindings.get(editor) === binding) bindings.delete(editor)
    },
  }
  bindings.set(editor, binding)
  return binding
}
