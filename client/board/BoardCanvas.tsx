import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback } from 'react'
import {
  type Editor,
  type TLComponents,
  Tldraw,
  type TLStateNodeConstructor,
  type TLStore,
  type TLUiOverrides,
  useTldrawCurrentUser,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { readClientConfig } from '../config.js'
import { addCategoryTools } from '../editor/categoryToolItems.js'
import { skipUnusedFontPreload } from '../editor/fontPreload.js'
import { categoryNoteTools, SituationNoteTool } from '../editor/noteTool.js'
import { registerEditingEnd } from '../editor/placeNote.js'
import { registerRelationLabels } from '../editor/relations.js'
import { registerNoteSettling } from '../editor/settleNotes.js'
import { registerZoneRule } from '../editor/zoneRule.js'
import { facilitationSignal } from '../facilitation/facilitationState.js'
import { registerFacilitation } from '../facilitation/registerFacilitation.js'
import { tldrawTranslations } from '../i18n/tldrawTranslations.js'
import { $userPreferences, setUserPreferences } from '../user/userPreferences.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import { useBoardContext } from './BoardContext.js'
import { BoardToolbar } from './BoardToolbar.js'
import { BoardTopPanel } from './BoardTopPanel.js'
import { CanvasOverlays } from './CanvasOverlays.js'
import { customShapeUtils } from './shapeUtils.js'

// Fonts, icons and translations are bundled by Vite and served by our server: no CDN requests.
const assetUrls = getAssetUrlsByImport()
const config = readClientConfig()
const components: TLComponents = { TopPanel: BoardTopPanel, InFrontOfTheCanvas: CanvasOverlays, Toolbar: BoardToolbar }
// N and the toolbar's note button make our structured note (same tool id replaces tldraw's); a
// category tool (toolbar, Alt+1…8) makes a note of its category.
const tools: TLStateNodeConstructor[] = [SituationNoteTool, ...categoryNoteTools]
const overrides: TLUiOverrides = { translations: tldrawTranslations, tools: addCategoryTools }

declare global {
  interface Window {
    /** Observability for browser tests and support: the running editor and the board connection. */
    __tilannekuva?: { editor: Editor; connection: BoardConnection }
  }
}

export interface BoardCanvasProps {
  store: TLStore
  /** Tells the page which editor runs the canvas (null once it is gone), for panels outside tldraw. */
  onEditor: (editor: Editor | null) => void
}

/** The tldraw canvas of a board: a thin wrapper that wires our store, user, rules and panels in. */
export function BoardCanvas({ store, onEditor }: BoardCanvasProps) {
  const { board, role, connection } = useBoardContext()
  const user = useTldrawCurrentUser({ userPreferences: $userPreferences, setUserPreferences })
  const onMount = useCallback(
    (editor: Editor) => {
      skipUnusedFontPreload(editor)
      const stopZoneRule = registerZoneRule(editor)
      const stopEditingEnd = registerEditingEnd(editor)
      const stopSettling = registerNoteSettling(editor)
      const stopRelationLabels = registerRelationLabels(editor, board.language)
      const facilitation = registerFacilitation(editor, facilitationSignal(connection.doc), role)
      // The camera is not part of the board: start with the whole template in view.
      editor.zoomToFit()
      window.__tilannekuva = { editor, connection }
      onEditor(editor)
      return () => {
        stopZoneRule()
        stopEditingEnd()
        stopSettling()
        stopRelationLabels()
        facilitation.stop()
        onEditor(null)
        if (window.__tilannekuva?.editor === editor) delete window.__tilannekuva
      }
    },
    [board.language, connection, role, onEditor],
  )

  return (
    <div className="tk-canvas">
      <Tldraw
        store={store}
        shapeUtils={customShapeUtils}
        user={user}
        assetUrls={assetUrls}
        components={components}
        tools={tools}
        overrides={overrides}
        onMount={onMount}
        {...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
      />
    </div>
  )
}
