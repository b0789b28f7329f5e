import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { StoredRecord, YKeyValue } from '../../shared/boardDocument.js'
import { keepAppOnDevice } from './appShell.js'
import { UnconfirmedChanges } from './localChanges.js'
import { type LocalCopy, type LocalCopyState, openLocalCopy } from './localCopy.js'
import { confirmWithServer } from './serverConfirmation.js'

/** Beside the board's copy: the changes the server had not confirmed when the page last wrote. */
const UNCONFIRMED_KEY = 'unconfirmed-changes'
/** The server-made document record: a copy without it holds no board to show. */
const DOCUMENT_RECORD_ID = 'document:document'
const SAVE_LIST_AFTER_MS = 100

export interface BoardOnDeviceState {
  localCopy: LocalCopyState
  /** This device's changes not yet confirmed stored by the server (see UnconfirmedChanges.count). */
  unconfirmed: number
  /** True once the device's copy, holding the board, is in the document. */
  loadedFromDevice: boolean
}

export interface KeptBoard {
  localCopy: LocalCopy
  changes: UnconfirmedChanges
  destroy(): void
}

/**
 * Keeps the board's document on this device (IndexedDB) and counts this device's changes until
 * the server confirms them; the list of those is kept with the copy, so a reload offline still
 * counts them. Reports each change of state to `onChange`.
 */
export function keepBoardOnDevice(options: {
  boardId: string
  doc: Y.Doc
  records: YKeyValue<StoredRecord>
  provider: WebsocketProvider
  onChange: (patch: Partial<BoardOnDeviceState>) => void
}): KeptBoard {
  const { doc, records, onChange } = options
  // The board is of use offline only if the app itself opens offline too.
  keepAppOnDevice()
  const changes = new UnconfirmedChanges(doc)
  const localCopy = openLocalCopy(options.boardId, doc, (state) => onChange({ localCopy: state }))

  // Not written before the kept list is read back: it would be overwritten with a shorter one.
  let restored = false
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  const save = () => {
    saveTimer = null
    if (restored) void localCopy.write(UNCONFIRMED_KEY, changes.toStored())
  }
  const saveSoon = () => {
    if (saveTimer === null) saveTimer = setTimeout(save, SAVE_LIST_AFTER_MS)
  }
  const flush = () => {
    if (saveTimer === null) return
    clearTimeout(saveTimer)
    save()
  }
  const stopCounting = changes.onChange(() => {
    onChange({ unconfirmed: changes.count.get() })
    saveSoon()
  })
  void localCopy.loaded.then(async () => {
    if (localCopy.state().status === 'on' && records.has(DOCUMENT_RECORD_ID)) onChange({ loadedFromDevice: true })
    changes.restore(await localCopy.read(UNCONFIRMED_KEY))
    restored = true
    saveSoon()
  })
  const stopConfirming = confirmWithServer(options.provider, changes)
  // The page may be closed at any moment: write the list now. A phone may kill a tab it has put
  // in the background without a pagehide, so hiding the page writes it too.
  const flushWhenHidden = () => {
    if (document.visibilityState === 'hidden') flush()
  }
  window.addEventListener('pagehide', flush)
  document.addEventListener('visibilitychange', flushWhenHidden)

  return {
    localCopy,
    changes,
    destroy() {
      flush()
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', flushWhenHidden)
      stopConfirming()
      stopCounting()
      changes.destroy()
      localCopy.destroy()
    },
  }
}
