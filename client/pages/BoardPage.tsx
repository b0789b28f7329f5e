import { lazy, Suspense, useEffect, useState } from 'react'
import { tokenFromHash } from '../../shared/api.js'
import { BOARD_ID_PATTERN } from '../../shared/ids.js'
import { type GetBoardResult, getBoard } from '../api.js'
import { ErrorPage } from '../components/ErrorPage.js'
import { LoadingScreen } from '../components/LoadingScreen.js'
import { hasIntroduced, NamePrompt } from '../components/NamePrompt.js'
import { assertNever } from '../../shared/assertNever.js'
import { hasChosenLanguage, setLanguage, useT } from '../i18n/index.js'
import { getDisplayName } from '../user/savedPreferences.js'
import { ensureIdentity, getSavedGroup, type ParticipantIdentity } from '../user/participantIdentity.js'
import { forgetBoardToken, takeBoardToken } from '../share/boardTokens.js'
import { openableFromDevice, rememberOpenedBoard } from '../offline/boardsOnDevice.js'

// The canvas (tldraw and everything on it) is the bulk of the client: its download starts as soon
// as this page is opened and runs while the link is checked and the name asked.
const loadBoardSession = () => import('../board/BoardSession.js')
const BoardSession = lazy(() => loadBoardSession().then((module) => ({ default: module.BoardSession })))

/**
 * The board's token: from the URL fragment (never sent to any server; then removed from the
 * address bar) or remembered on this device.
 */
function useBoardToken(boardId: string): string | null {
  const [token, setToken] = useState(() => takeBoardToken(boardId))
  useEffect(() => {
    // A link pasted into the address bar of an open board page only changes the fragment.
    const onHashChange = () => {
      if (tokenFromHash(window.location.hash)) setToken(takeBoardToken(boardId))
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [boardId])
  return token
}

/** /b/:boardId#token=… — checks the link, asks a first-time visitor's name, then shows the board. */
export function BoardPage({ boardId }: { boardId: string }) {
  const t = useT()
  const token = useBoardToken(boardId)
  const [result, setResult] = useState<GetBoardResult | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [hasName, setHasName] = useState(hasIntroduced)
  // undefined while asking the server; null when it gave none (the board opens all the same).
  const [identity, setIdentity] = useState<ParticipantIdentity | null | undefined>(undefined)
  const validId = BOARD_ID_PATTERN.test(boardId)

  useEffect(() => {
    // Only a link that may open a board is worth the canvas's download.
    if (token && validId) void loadBoardSession()
  }, [token, validId])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger
  useEffect(() => {
    if (!token || !validId) return
    let cancelled = false
    setResult(null)
    void getBoard(boardId, token).then((fetched) => {
      // A remembered token that no longer opens the board is of no use on this device.
      if (!fetched.ok && fetched.reason === 'unauthorized') forgetBoardToken(boardId)
      if (fetched.ok) rememberOpenedBoard(fetched.board, fetched.role)
      // Without the server, a board this device has opened before opens from its copy.
      if (!cancelled) setResult(openableFromDevice(boardId, fetched))
    })
    return () => {
      cancelled = true
    }
  }, [boardId, token, validId, attempt])

  useEffect(() => {
    if (!token || !result?.ok || !hasName) return
    let cancelled = false
    const group = getSavedGroup()
    if (!group) return
    void ensureIdentity(boardId, token, { name: getDisplayName(), group }).then((found) => {
      if (!cancelled) setIdentity(found)
    })
    return () => {
      cancelled = true
    }
  }, [boardId, token, result, hasName])

  useEffect(() => {
    if (!result?.ok) return
    document.title = `${result.board.title} – Tilannekuva`
    // The board's language, unless this person has picked one on this device.
    if (!hasChosenLanguage()) setLanguage(result.board.language, { remember: false })
  }, [result])

  if (!validId) return <ErrorPage title={t('error.notFound.title')} body={t('error.notFound.body')} />
  if (!token) return <ErrorPage title={t('error.invalidLink.title')} body={t('error.invalidLink.body')} />
  if (!result) return <LoadingScreen message={t('board.loading')} />
  if (!result.ok) {
    switch (result.reason) {
      case 'unauthorized':
        return <ErrorPage title={t('error.invalidLink.title')} body={t('error.invalidLink.body')} />
      case 'not_found':
        return <ErrorPage title={t('error.notFound.title')} body={t('error.notFound.body')} />
      case 'network':
      case 'server':
        if (result.reason === 'network' && navigator.onLine === false) {
          return <ErrorPage title={t('offline.notOnDeviceTitle')} body={t('offline.notOnDeviceBody')} />
        }
        return (
          <ErrorPage
            title={t('error.network.title')}
            body={t('error.network.body')}
            actions={
              <button type="button" className="tk-button" onClick={() => setAttempt((n) => n + 1)}>
                {t('error.retry')}
              </button>
            }
          />
        )
      default:
        return assertNever(result.reason)
    }
  }
  if (!hasName) return <NamePrompt boardTitle={result.board.title} onDone={() => setHasName(true)} />
  if (identity === undefined) return <LoadingScreen message={t('board.loading')} />
  return (
    <Suspense fallback={<LoadingScreen message={t('board.loading')} />}>
      <BoardSession board={result.board} role={result.role} token={token} identity={identity} />
    </Suspense>
  )
}
