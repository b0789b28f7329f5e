import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback } from 'react'
import { type Editor, type TLComponents, Tldraw, type TLStore, useTldrawCurrentUser } from 'tldraw'
import 'tldraw/tldraw.css'
import { readClientConfig } from '../config.js'
import { $userPreferences, setUserPreferences } from '../user/userPreferences.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import { useBoardContext } from './BoardContext.js'
import { BoardTopPanel } from './BoardTopPanel.js'
import { customShapeUtils } from './shapeUtils.js'

// Fonts, icons and translations are bundled by Vite and served by our server: no CDN requests.
const assetUrls = getAssetUrlsByImport()
const config = readClientConfig()
const components: TLComponents = { TopPanel: BoardTopPanel }

declare global {
  interface Window {
    /** Observability for browser tests and support: the running editor and the board connection. */
    __tilannekuva?: { editor: Editor; connection: BoardConnection }
  }
}

/** The tldraw canvas of a board: a thin wrapper that wires our store, user and panels in. */
export function BoardCanvas({ store }: { store: TLStore }) {
  const { connection } = useBoardContext()
  const user = useTldrawCurrentUser({ userPreferences: $userPreferences, setUserPreferences })
  const onMount = useCallback((editor: Editor) => {
    window.__tilannekuva = { editor, connection }
    return () => {
      if (window.__tilannekuva?.editor === editor) delete window.__tilannekuva
    }
  }, [connection])

  return (
    <div className="tk-canvas">
      <Tldraw
        store={store}
        shapeUtils={customShapeUtils}
        user={user}
        assetUrls={assetUrls}
        components={components}
        onMount={onMount}
        {...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
      />
    </div>
  )
}
