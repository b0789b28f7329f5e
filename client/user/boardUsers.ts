import {
  atom,
  createCachedUserResolve,
  createUserId,
  type TLStore,
  type TLUser,
  type TLUserStore,
  UserRecordType,
} from 'tldraw'
import { userStore } from './userPreferences.js'

/**
 * The users of one board's store: the current user, and everyone else resolved by their live
 * presence (names on notes, "last edited by"). User records are not part of the shared document,
 * so a name is known while its person is on the board, and remembered for the rest of the visit.
 */
export function createBoardUsers(): { users: TLUserStore; attach(store: TLStore): void } {
  const $store = atom<TLStore | null>('board store', null)
  const seen = new Map<string, TLUser>()
  const users: TLUserStore = {
    currentUser: userStore.currentUser,
    resolve: createCachedUserResolve((userId) => {
      const id = createUserId(userId)
      const current = userStore.currentUser.get()
      if (current?.id === id) return current
      const presence = $store
        .get()
        ?.query.records('instance_presence')
        .get()
        .find((record) => record.userId === id)
      if (presence) {
        const user = UserRecordType.create({ id, name: presence.userName, color: presence.color })
        seen.set(id, user)
        return user
      }
      return seen.get(id) ?? null
    }),
  }
  return { users, attach: (store) => $store.set(store) }
}
