import { useId, useState } from 'react'
import { boardPath } from '../../shared/api.js'
import { importBoardFile } from '../api.js'
import { type MessageKey, useT } from '../i18n/index.js'
import { FileChooserButton } from './FileChooserButton.js'
import { rememberCreatedBoard } from '../share/shareLinks.js'

const FAILURES: Record<Exclude<Awaited<ReturnType<typeof importBoardFile>>, { ok: true }>['reason'], MessageKey> = {
  notBoard: 'home.importNotBoard',
  tooLarge: 'home.importTooLarge',
  rateLimited: 'home.importRateLimited',
  network: 'home.importFailed',
  server: 'home.importFailed',
}

/** The home page's "import a board from a file": the new board opens as its facilitator, like a created one. */
export function ImportBoardFile() {
  const t = useT()
  const ids = useId()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<MessageKey | null>(null)

  const importChosen = async (file: File) => {
    setBusy(true)
    setFailure(null)
    const result = await importBoardFile(await file.text())
    if (!result.ok) {
      setBusy(false)
      setFailure(FAILURES[result.reason])
      return
    }
    rememberCreatedBoard(result.created)
    window.location.assign(boardPath(result.created.board.id, result.created.tokens.facilitator))
  }

  return (
    <section className="tk-card tk-home-import" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('home.importTitle')}</h2>
      <p className="tk-muted" id={`${ids}-hint`}>
        {t('home.importHint')}
      </p>
      <div className="tk-actions">
        <FileChooserButton
          accept=".json,application/json"
          busy={busy}
          testId="import-board-file"
          describedBy={`${ids}-hint`}
          onFile={(file) => void importChosen(file)}
        >
          {busy ? t('home.importing') : t('home.importButton')}
        </FileChooserButton>
      </div>
      <div role="status" aria-live="polite" data-testid="import-board-result">
        {failure ? <p className="tk-error">{t(failure)}</p> : null}
      </div>
    </section>
  )
}
