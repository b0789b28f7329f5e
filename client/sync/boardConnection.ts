import { atom, type Signal } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { openBoardRecords, type StoredRecord, type YKeyValue } from '../../shared/boardDocument.js'
import { PERMANENT_CLOSE_CODES } from '../../shared/closeCodes.js'
import { type AwarenessParticipant, PARTICIPANT_AWARENESS_FIELD } from '../../shared/facilitation.js'
import { writeAnonymousRoundsUnderFreshIds } from './anonymousWriterIds.js'
import { closeCodeInfo } from './closeCodes.js'
import { keepBoardOnDevice, type KeptBoard } from '../offline/keepBoardOnDevice.js'
import type { LocalCopyState } from '../offline/localCopy.js'
import { createSyncProvider } from './syncProvider.js'

/**
 * - connecting: before the first sync;
 * - connected: synced with the server;
 * - reconnecting: lost the connection recently and trying again;
 * - offline: no connection for a while, or the browser is offline (still trying);
 * - closed: the server refused us for good (see `closeCode`); no more attempts.
 */
export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

export interface ConnectionState {
  phase: ConnectionPhase
  /** The last close code the server sent, if any. Cleared on a successful sync. */
  closeCode: number | null
  /** True once the first sync completed: the document then holds the board. */
  hasSynced: boolean
  /** True once the document holds the board: synced, or loaded from this device's copy. */
  hasBoard: boolean
  /** Whether the board is kept on this device (offline mode), see client/offline/localCopy.ts. */
  localCopy: LocalCopyState
  /** This device's changes the server has not yet confirmed storing (notes, zones, settings touched). */
  unconfirmed: number
}

export interface BoardConnection {
  doc: Y.Doc
  records: YKeyValue<StoredRecord>
  provider: WebsocketProvider
  awareness: Awareness
  state: Signal<ConnectionState>
  /** The board's copy on this device and the count of unconfirmed changes. */
  kept: KeptBoard
  destroy(): void
}

export interface OpenBoardConnectionOptions {
  boardId: string
  token: string
  /** This device's participant identity on the board, if the server gave one. */
  participant?: (AwarenessParticipant & { secret: string }) | null
  /** Base websocket URL, e.g. wss://host/sync; defaults to this page's origin. */
  serverUrl?: string
  /** How long a lost connection counts as "reconnecting" before we call it "offline". */
  offlineAfterMs?: number
}

export function defaultSyncUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`
}

/**
 * Opens a board's Y.Doc over the y-websocket protocol. Edits made while disconnected stay in the
 * doc and reach the server on reconnect (sync step 1/2). Permanent close codes (bad link, unknown
 * board) stop the reconnecting.
 */
export function openBoardConnection(options: OpenBoardConnectionOptions): BoardConnection {
  const offlineAfterMs = options.offlineAfterMs ?? 8_000
  const doc = new Y.Doc()
  // Open the record view before any update arrives, so it sees every change.
  const records = openBoardRecords(doc)
  const stopFreshIds = writeAnonymousRoundsUnderFreshIds(doc)
  const provider = createSyncProvider(options.serverUrl ?? defaultSyncUrl(), options.boardId, doc, {
    token: options.token,
    participant: options.participant?.secret ?? null,
    shouldReconnect: (event) => !PERMANENT_CLOSE_CODES.has(event.code),
  })
  if (options.participant) {
    // Set before the socket opens, so the first awareness update already says who we are.
    const { id, group } = options.participant
    provider.awareness.setLocalStateField(PARTICIPANT_AWARENESS_FIELD, { id, group } satisfies AwarenessParticipant)
  }
  const state = atom<ConnectionState>('connectionState', {
    phase: 'connecting',
    closeCode: null,
    hasSynced: false,
    hasBoard: false,
    localCopy: { status: 'opening' },
    unconfirmed: 0,
  })
  const update = (patch: Partial<ConnectionState>) => state.set({ ...state.get(), ...patch })
  const kept = keepBoardOnDevice({
    boardId: options.boardId,
    doc,
    records,
    provider,
    onChange: ({ loadedFromDevice, ...patch }) => update(loadedFromDevice ? { ...patch, hasBoard: true } : patch),
  })
  let offlineTimer: ReturnType<typeof setTimeout> | null = null
  const clearOfflineTimer = () => {
    if (offlineTimer !== null) clearTimeout(offlineTimer)
    offlineTimer = null
  }
  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false

  const onSync = (isSynced: boolean) => {
    if (!isSynced) return
    clearOfflineTimer()
    update({ phase: 'connected', closeCode: null, hasSynced: true, hasBoard: true })
  }
  const onConnectionClose = (event: CloseEvent | null) => {
    const code = event?.code ?? null
    if (code !== null && PERMANENT_CLOSE_CODES.has(code)) {
      clearOfflineTimer()
      update({ phase: 'closed', closeCode: code })
      // `shouldReconnect` already keeps y-websocket from retrying; disconnect() makes it final.
      // Deferred because we are inside the provider's own close handling.
      queueMicrotask(() => provider.disconnect())
      return
    }
    if (state.get().phase === 'closed') return
    const closeCode = code !== null && closeCodeInfo(code) !== null ? code : state.get().closeCode
    const lost = state.get().hasSynced ? 'reconnecting' : 'connecting'
    update({ phase: browserOffline() ? 'offline' : state.get().phase === 'offline' ? 'offline' : lost, closeCode })
    if (offlineTimer === null) {
      offlineTimer = setTimeout(() => {
        offlineTimer = null
        if (!provider.synced && state.get().phase !== 'closed') update({ phase: 'offline' })
      }, offlineAfterMs)
    }
  }
  const onBrowserOffline = () => {
    if (state.get().phase !== 'closed') update({ phase: 'offline' })
    // The socket may linger half-dead for the provider's 30 s of silence, while edits seem sent;
    // closed now, its edits wait (and are counted) until the connection is back. It keeps retrying.
    provider.ws?.close()
  }
  // Back online: try at once instead of waiting out the back-off.
  const onBrowserOnline = () => {
    if (state.get().phase !== 'closed' && !provider.wsconnected) {
      provider.disconnect()
      provider.connect()
    }
  }

  provider.on('sync', onSync)
  provider.on('connection-close', onConnectionClose)
  window.addEventListener('offline', onBrowserOffline)
  window.addEventListener('online', onBrowserOnline)

  return {
    doc,
    records,
    provider,
    awareness: provider.awareness,
    state,
    kept,
    destroy() {
      kept.destroy()
      clearOfflineTimer()
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      provider.off('sync', onSync)
      provider.off('connection-close', onConnectionClose)
      provider.destroy()
      stopFreshIds()
      records.destroy()
      doc.destroy()
    },
  }
}
