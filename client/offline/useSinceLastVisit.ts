import { useCallback, useEffect, useRef, useState } from 'react'
import { react } from 'tldraw'
import type { Board } from '../../shared/api.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import {
  anythingChanged,
  changesSince,
  type LastVisit,
  parseLastVisit,
  type SinceLastVisit,
  visitOf,
} from './lastVisit.js'

const LAST_VISIT_KEY = 'last-visit'
/** What is seen is written down once the board has been still this long (and when the page goes). */
const SAVE_AFTER_MS = 2_000

/**
 * What changed on the board since this person last had it open on this device, once the first
 * sync brought everyone's changes (null when nothing did, on a first visit, or without the
 * device's copy). What they see now is written down as their visit, except while a summary is
 * shown and not yet dismissed: until then a reload shows the same summary again.
 */
export function useSinceLastVisit(
  connection: BoardConnection,
  board: Board,
): { since: SinceLastVisit | null; dismiss: () => void } {
  const [since, setSince] = useState<SinceLastVisit | null>(null)
  const dismissRef = useRef<() => void>(() => {})

  useEffect(() => {
    const { localCopy } = connection.kept
    const boardInfo = { id: board.id, title: board.title, template: board.template, language: board.language }
    const notesNow = () =>
      buildBoardSnapshot({
        board: boardInfo,
        records: [...connection.records.map.values()].map((entry) => entry.val),
        takenAt: new Date(),
      }).notes
    // undefined until read: nothing is written before, or the last visit would be lost.
    let last: LastVisit | null | undefined
    let summaryShown = false
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | null = null

    const save = () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      if (last === undefined || summaryShown) return
      void localCopy.write(LAST_VISIT_KEY, visitOf(notesNow(), Date.now()))
    }
    const saveSoon = () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(save, SAVE_AFTER_MS)
    }
    dismissRef.current = () => {
      summaryShown = false
      setSince(null)
      save()
    }

    let stopWaiting = () => {}
    void localCopy.read(LAST_VISIT_KEY).then((stored) => {
      if (stopped) return
      last = parseLastVisit(stored)
      let compared = false
      stopWaiting = react('since last visit', () => {
        if (compared || !connection.state.get().hasSynced) return
        compared = true
        const changes = last ? changesSince(last, notesNow()) : null
        if (changes && anythingChanged(changes)) {
          summaryShown = true
          setSince(changes)
        } else save()
      })
    })
    connection.records.on('change', saveSoon)
    window.addEventListener('pagehide', save)
    return () => {
      stopped = true
      save()
      stopWaiting()
      connection.records.off('change', saveSoon)
      window.removeEventListener('pagehide', save)
    }
  }, [connection, board])

  const dismiss = useCallback(() => dismissRef.current(), [])
  return { since, dismiss }
}
