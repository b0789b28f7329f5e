import { useEffect, useMemo, useState } from 'react'
import { atom, type Editor, useValue } from 'tldraw'
import type { Board, Role } from '../../shared/api.js'
import { CloseCode } from '../../shared/closeCodes.js'
import { ErrorPage } from '../components/ErrorPage.js'
import { LoadingScreen } from '../components/LoadingScreen.js'
import { closeMessageKey } from '../i18n/closeMessages.js'
import { useT } from '../i18n/index.js'
import { forgetBoardToken } from '../share/boardTokens.js'
import { forgetJustCreated, wasJustCreated } from '../share/shareLinks.js'
import { closeCodeInfo } from '../sync/closeCodes.js'
import { useBoardConnection } from '../sync/useBoardConnection.js'
import { type ParticipantIdentity, useIdentityName } from '../user/participantIdentity.js'
import { useBoardStore } from './useBoardStore.js'
import { BoardCanvas } from './BoardCanvas.js'
import { BoardContext, type BoardContextValue } from './BoardContext.js'
import { BoardHeader } from './BoardHeader.js'
import { PictureList } from './PictureList.js'
import { VotingProvider } from '../voting/VotingContext.js'
import { SinceLastVisitNotice } from '../offline/SinceLastVisitNotice.js'

/** One open board: the connection, the bound store, and the canvas once the first sync is done. */
export function BoardSession(props: { board: Board; role: Role; token: string; identity: ParticipantIdentity | null }) {
  const { board, role, token } = props
  const t = useT()
  const identity = useIdentityName(board.id, token, props.identity)
  const connection = useBoardConnection(board.id, token, identity)
  const storeState = useBoardStore(connection, role)
  const connectionState = useValue('connection state', () => connection?.state.get() ?? null, [connection])
  const [openShareInitially] = useState(() => wasJustCreated(board.id))
  useEffect(() => {
    if (openShareInitially) forgetJustCreated()
  }, [openShareInitially])
  const [listOpen] = useState(() => atom('list open', false))
  const isListOpen = useValue('list open', () => listOpen.get(), [listOpen])
  const [editor, setEditor] = useState<Editor | null>(null)
  const closedWith = connectionState?.phase === 'closed' ? connectionState.closeCode : null
  useEffect(() => {
    // This token opens the board no more: /b/<id> from the history must not offer it again.
    if (closedWith === CloseCode.linkRevoked || closedWith === CloseCode.unauthorized) {
      forgetBoardToken(board.id, token)
    }
  }, [closedWith, board.id, token])

  const context = useMemo<BoardContextValue | null>(
    () =>
      connection && storeState.status === 'ready'
        ? {
            board,
            role,
            token,
            connection,
            identity,
            store: storeState.store,
            schemaTooNew: storeState.schemaTooNew,
            openShareInitially,
            listOpen,
          }
        : null,
    [board, role, token, connection, identity, storeState, openShareInitially, listOpen],
  )

  if (storeState.status === 'schemaTooNew') {
    return (
      <ErrorPage
        title={t('error.schemaTooNew.title')}
        body={t('error.schemaTooNew.body')}
        actions={
          <button type="button" className="tk-button" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </button>
        }
      />
    )
  }

  // A rotated link ends the session for good: a page that says so, not a board that looks alive.
  if (closedWith === CloseCode.linkRevoked) {
    return <ErrorPage title={t('error.linkRevoked.title')} body={t('close.linkRevoked')} />
  }

  if (!context) {
    // Refused before the first sync (the link stopped working after the page checked it).
    if (connectionState?.phase === 'closed') {
      if (connectionState.closeCode === CloseCode.boardNotFound) {
        return <ErrorPage title={t('error.notFound.title')} body={t('error.notFound.body')} />
      }
      return <ErrorPage title={t('error.invalidLink.title')} body={t('error.invalidLink.body')} />
    }
    const closeInfo = connectionState?.closeCode ? closeCodeInfo(connectionState.closeCode) : null
    const detail = closeInfo
      ? t(closeMessageKey(closeInfo.name))
      : connectionState?.phase === 'offline'
        ? // Read the device's copy, and it had no board: never opened here while online.
          t(connectionState.localCopy.status === 'on' ? 'offline.notOnDeviceBody' : 'connection.offline')
        : null
    return <LoadingScreen message={t('board.connecting')} detail={detail} />
  }

  return (
    <BoardContext.Provider value={context}>
      <VotingProvider>
        <div className="tk-board">
          <BoardHeader editor={editor} />
          <div className="tk-board-main">
            <BoardCanvas store={context.store} onEditor={setEditor} />
            {isListOpen && editor ? <PictureList editor={editor} onClose={() => listOpen.set(false)} /> : null}
            <SinceLastVisitNotice connection={context.connection} board={board} editor={editor} />
          </div>
        </div>
      </VotingProvider>
    </BoardContext.Provider>
  )
}
