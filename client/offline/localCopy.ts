import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import { localCopyName } from './localCopyDatabase.js'

/**
 * - opening: reading the device's copy;
 * - on: the board is kept on this device (opens and works offline);
 * - off: it is not: storage is unavailable (disabled, private mode), full, or the board was
 *   forgotten on this device meanwhile. The board still works online.
 */
export type LocalCopyState =
  | { status: 'opening' }
  | { status: 'on' }
  | { status: 'off'; reason: 'unavailable' | 'full' | 'forgotten' }

export interface LocalCopy {
  state(): LocalCopyState
  /** Resolves once the device's copy is in the document, or there is none to read. */
  loaded: Promise<void>
  /** A value kept beside the board's copy (gone with it when the board is forgotten). */
  read(key: string): Promise<unknown>
  /** Keeps a value beside the copy; quietly does nothing while the copy is off or not yet open. */
  write(key: string, value: unknown): Promise<void>
  destroy(): void
}

const STORE_NAMES = ['updates', 'custom'] as const

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError'
}

/**
 * Opens the database first ourselves: where storage is disabled `indexedDB` is missing or
 * `open` throws or fails, and y-indexeddb would leave that as an unhandled rejection and never
 * say it loaded. Creates y-indexeddb's stores, as it would.
 */
function probe(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(false)
      const request = indexedDB.open(name)
      request.onupgradeneeded = () => {
        for (const store of STORE_NAMES) {
          if (!request.result.objectStoreNames.contains(store)) {
            request.result.createObjectStore(store, store === 'updates' ? { autoIncrement: true } : undefined)
          }
        }
      }
      request.onsuccess = () => {
        request.result.close()
        resolve(true)
      }
      request.onerror = () => resolve(false)
      request.onblocked = () => resolve(false)
    } catch {
      resolve(false)
    }
  })
}

/**
 * Keeps `doc` in this device's IndexedDB: what the device had of the board is loaded into it,
 * and every later update (local or from the server) is added. Failing storage turns the copy
 * off and nothing else: the board goes on working online.
 */
export function openLocalCopy(boardId: string, doc: Y.Doc, onState: (state: LocalCopyState) => void): LocalCopy {
  const name = localCopyName(boardId)
  let current: LocalCopyState = { status: 'opening' }
  const state = {
    get: () => current,
    set: (next: LocalCopyState) => {
      current = next
      onState(next)
    },
  }
  let persistence: IndexeddbPersistence | null = null
  let destroyed = false

  const turnOff = (reason: 'unavailable' | 'full' | 'forgotten') => {
    if (state.get().status === 'off') return
    state.set({ status: 'off', reason })
    const stopped = persistence
    persistence = null
    void stopped?.destroy().catch(() => {})
  }
  // y-indexeddb does not catch its writes' failures; a full disk shows up as their rejections.
  const onUnhandledRejection = (event: PromiseRejectionEvent) => {
    if (!isQuotaError(event.reason)) return
    event.preventDefault()
    turnOff('full')
  }
  window.addEventListener('unhandledrejection', onUnhandledRejection)

  const loaded = probe(name).then(async (available) => {
    if (destroyed) return
    if (!available) {
      turnOff('unavailable')
      return
    }
    const opened = new IndexeddbPersistence(name, doc)
    persistence = opened
    try {
      const db = await opened._db
      // Another tab forgot the board: y-indexeddb closes the database; stop writing to it.
      db.addEventListener('versionchange', () => turnOff('forgotten'))
      db.addEventListener('abort', (event) => {
        const error = (event.target as IDBTransaction | null)?.error
        if (isQuotaError(error)) turnOff('full')
      })
      await opened.whenSynced
      if (persistence === opened) state.set({ status: 'on' })
    } catch (error) {
      turnOff(isQuotaError(error) ? 'full' : 'unavailable')
    }
  })

  return {
    state: state.get,
    loaded,
    async read(key) {
      await loaded
      try {
        return (await persistence?.get(key)) ?? null
      } catch {
        return null
      }
    },
    async write(key, value) {
      // Taken now, not after an await: a write made just before destroy() still goes in.
      const target = persistence
      if (!target) return
      try {
        // y-indexeddb's own typing allows only plain values; IndexedDB stores any cloneable one.
        await target.set(key, value as string)
      } catch (error) {
        if (isQuotaError(error)) turnOff('full')
      }
    },
    destroy() {
      destroyed = true
      window.removeEventListener('unhandledrejection', onUnhandledRejection)
      const stopped = persistence
      persistence = null
      void stopped?.destroy().catch(() => {})
    },
  }
}
