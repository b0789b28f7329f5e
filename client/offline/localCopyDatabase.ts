// Apart from localCopy.ts so that the home page can forget a board without loading Yjs.

/** The IndexedDB database that keeps one board on this device (y-indexeddb's layout). */
export function localCopyName(boardId: string): string {
  return `tilannekuva-board-${boardId}`
}

/**
 * Deletes the board's copy from this device. A tab that has it open stops writing to it (see
 * openLocalCopy) rather than keeping it alive.
 */
export function deleteLocalCopy(boardId: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve()
      const request = indexedDB.deleteDatabase(localCopyName(boardId))
      request.onsuccess = () => resolve()
      request.onerror = () => resolve()
      // Resolves once the other tabs have closed it (they do on 'versionchange').
      request.onblocked = () => {}
    } catch {
      resolve()
    }
  })
}

/** Whether this device keeps a copy of the board (for the list of boards on the home page). */
export async function hasLocalCopy(boardId: string): Promise<boolean> {
  try {
    if (typeof indexedDB === 'undefined' || !indexedDB.databases) return false
    const databases = await indexedDB.databases()
    return databases.some((database) => database.name === localCopyName(boardId))
  } catch {
    return false
  }
}
