import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Board } from '../../shared/api.js'
import { type BoardSnapshot, buildBoardSnapshot } from '../../shared/snapshot.js'

/** How often, at most, the snapshot is rebuilt while the board changes (a drag changes it per frame). */
export const SNAPSHOT_THROTTLE_MS = 300

function snapshotOf(editor: Editor, board: Board): BoardSnapshot {
  return buildBoardSnapshot({
    board: { id: board.id, title: board.title, template: board.template, language: board.language },
    records: editor.store.allRecords(),
    takenAt: new Date(),
  })
}

/**
 * The board's situational picture as the exports see it (shared/snapshot.ts), rebuilt from the
 * editor's records at most every SNAPSHOT_THROTTLE_MS while the document changes.
 */
export function useBoardSnapshot(editor: Editor, board: Board): BoardSnapshot {
  const [snapshot, setSnapshot] = useState(() => snapshotOf(editor, board))
  useEffect(() => {
    setSnapshot(snapshotOf(editor, board))
    let timer: ReturnType<typeof setTimeout> | null = null
    const stop = editor.store.listen(
      () => {
        timer ??= setTimeout(() => {
          timer = null
          setSnapshot(snapshotOf(editor, board))
        }, SNAPSHOT_THROTTLE_MS)
      },
      { scope: 'document' },
    )
    return () => {
      stop()
      if (timer !== null) clearTimeout(timer)
    }
  }, [editor, board])
  return snapshot
}
