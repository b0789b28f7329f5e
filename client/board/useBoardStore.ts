import { useEffect, useState } from 'react'
import {
  atom,
  computed,
  createPresenceStateDerivation,
  createTLStore,
  defaultBindingUtils,
  type Signal,
  type TLStore,
  useValue,
} from 'tldraw'
import type { Role } from '../../shared/api.js'
import { boardShapeUtils } from './shapeUtils.js'
import { createBoardUsers } from '../user/boardUsers.js'
import { userStore } from '../user/userPreferences.js'
import { bindPresenceToAwareness } from '../sync/bindPresenceToAwareness.js'
import { bindStoreToYDoc } from '../sync/bindStoreToYDoc.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import { facilitationSignal } from '../facilitation/facilitationState.js'

export type BoardStoreState =
  | { status: 'loading' }
  | { status: 'ready'; store: TLStore; schemaTooNew: Signal<boolean> }
  | { status: 'schemaTooNew' }

/**
 * The tldraw store of a board, bound to the connection's Y.Doc and awareness. Stays 'loading'
 * until the document holds the board (the provider's first sync, or this device's copy), so the
 * editor never starts on an empty document.
 */
export function useBoardStore(connection: BoardConnection | null, role: Role): BoardStoreState {
  // The server's state, or this device's copy of it (client/offline): the editor opens at once.
  const hasBoard = useValue('has board', () => connection?.state.get().hasBoard ?? false, [connection])
  const [state, setState] = useState<BoardStoreState>({ status: 'loading' })

  useEffect(() => {
    if (!connection || !hasBoard) return
    const schemaTooNew = atom('schemaTooNew', false)
    const facilitation = facilitationSignal(connection.doc)
    const boardUsers = createBoardUsers()
    const store = createTLStore({
      shapeUtils: boardShapeUtils,
      bindingUtils: defaultBindingUtils,
      users: boardUsers.users,
      collaboration: {
        status: computed('collaboration status', () =>
          connection.state.get().phase === 'connected' ? 'online' : 'offline',
        ),
        mode: computed('collaboration mode', () =>
          role === 'view' ||
          // A board frozen by the facilitator is read-only for participants; facilitators keep editing.
          (role === 'edit' && facilitation.get().frozen) ||
          schemaTooNew.get() ||
          connection.state.get().phase === 'closed'
            ? 'readonly'
            : 'readwrite',
        ),
      },
    })
    boardUsers.attach(store)
    const unbindDocument = bindStoreToYDoc(store, connection.records, {
      // Viewers' updates are ignored by the server; not writing them keeps their doc honest too.
      canWrite: () => role !== 'view',
      onSchemaTooNew: () => schemaTooNew.set(true),
      onRecordRejected: (id, error) => console.warn(`skipped board record ${id}`, error),
    })
    if (schemaTooNew.get()) {
      unbindDocument()
      store.dispose()
      setState({ status: 'schemaTooNew' })
      return
    }
    const $ownPresence = createPresenceStateDerivation(userStore.currentUser)(store)
    // In an anonymous round the note someone just made is the one they have selected: keep the
    // selection to oneself meanwhile.
    const $presence = computed('presence to share', () => {
      const presence = $ownPresence.get()
      return presence && facilitation.get().anonymous ? { ...presence, selectedShapeIds: [] } : presence
    })
    const unbindPresence = bindPresenceToAwareness(store, connection.awareness, $presence)
    setState({ status: 'ready', store, schemaTooNew })
    return () => {
      unbindPresence()
      unbindDocument()
      store.dispose()
      setState({ status: 'loading' })
    }
  }, [connection, hasBoard, role])

  return state
}
