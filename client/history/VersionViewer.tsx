import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { createTLStore, defaultBindingUtils, type Editor, Tldraw, type TLStore } from 'tldraw'
import * as Y from 'yjs'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { boardShapeUtils, customShapeUtils } from '../board/shapeUtils.js'
import { Button } from '../components/Button.js'
import { readClientConfig } from '../config.js'
import { useT } from '../i18n/index.js'
import { bindStoreToYDoc } from '../sync/bindStoreToYDoc.js'
import { fetchVersionState } from './versionsApi.js'
import { skipUnusedFontPreload } from '../editor/fontPreload.js'

const assetUrls = getAssetUrlsByImport()
const config = readClientConfig()

type ViewerState = { status: 'loading' } | { status: 'ready'; store: TLStore } | { status: 'failed' }

/**
 * An old version on a canvas of its own, over the live one: a Y.Doc of its own filled from the
 * version's Yjs state and bound to a store of its own, never connected to the board, and an editor
 * in readonly mode. Closing it (its banner's first button, or Escape) shows the live board again,
 * which it never touched; the banner's other button asks to restore the version.
 */
export function VersionViewer(props: {
  boardId: string
  token: string
  versionId: string
  label: string
  onClose: () => void
  onRestore: () => void
}) {
  const t = useT()
  const { boardId, token, versionId } = props
  const backButton = useRef<HTMLButtonElement>(null)
  // The keyboard starts at the way back: the live editor has let go of it.
  useEffect(() => backButton.current?.focus(), [])
  const [state, setState] = useState<ViewerState>({ status: 'loading' })
  useEffect(() => {
    let cleanup: (() => void) | null = null
    let cancelled = false
    setState({ status: 'loading' })
    void fetchVersionState(boardId, token, versionId).then((bytes) => {
      if (cancelled) return
      if (!bytes) {
        setState({ status: 'failed' })
        return
      }
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, bytes)
      } catch {
        doc.destroy()
        setState({ status: 'failed' })
        return
      }
      const store = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
      const unbind = bindStoreToYDoc(store, openBoardRecords(doc), {
        canWrite: () => false,
        onRecordRejected: (id, error) => console.warn(`version: skipped record ${id}`, error),
      })
      cleanup = () => {
        unbind()
        store.dispose()
        doc.destroy()
      }
      setState({ status: 'ready', store })
    })
    return () => {
      cancelled = true
      cleanup?.()
    }
  }, [boardId, token, versionId])

  const host = document.querySelector('.tk-board-main')
  if (!host) return null
  return createPortal(
    <section
      className="tk-version-viewer"
      aria-label={t('history.viewerLabel', { name: props.label })}
      data-testid="version-viewer"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) props.onClose()
      }}
    >
      <div className="tk-version-banner">
        <p className="tk-version-banner-text" role="status">
          {t('history.viewing', { name: props.label })}
        </p>
        <div className="tk-version-banner-actions">
          <Button ref={backButton} onClick={props.onClose} data-testid="version-viewer-close">
            {t('history.backToLive')}
          </Button>
          <Button variant="secondary" onClick={props.onRestore} data-testid="version-viewer-restore">
            {t('history.restoreThis')}
          </Button>
        </div>
      </div>
      {state.status === 'loading' ? <p className="tk-muted tk-version-message">{t('history.loadingVersion')}</p> : null}
      {state.status === 'failed' ? <p className="tk-error tk-version-message">{t('history.viewFailed')}</p> : null}
      {state.status === 'ready' ? (
        <div className="tk-version-canvas">
          <Tldraw
            store={state.store}
            shapeUtils={customShapeUtils}
            assetUrls={assetUrls}
            onMount={(editor: Editor) => {
              skipUnusedFontPreload(editor)
              editor.updateInstanceState({ isReadonly: true })
              editor.zoomToFit()
            }}
            {...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
          />
        </div>
      ) : null}
    </section>,
    host,
  )
}
