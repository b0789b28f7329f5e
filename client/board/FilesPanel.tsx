import { type ChangeEvent, useRef, useState } from 'react'
import { type ExportFormat, fetchExport, importNotesCsv } from '../api.js'
import { useLanguage, useT } from '../i18n/index.js'
import { exportFileName, saveBlob } from '../picture/download.js'
import { describeImportIssues } from '../picture/importIssues.js'
import { useBoardContext } from './BoardContext.js'

type ImportState =
  | { phase: 'idle' }
  | { phase: 'busy' }
  | { phase: 'done'; count: number }
  | { phase: 'failed'; headline: string; lines: string[] }

/** Downloads of the picture (CSV, JSON) and, for those who may edit, importing notes from CSV. */
export function FilesPanel({ onClose }: { onClose: () => void }) {
  const t = useT()
  const language = useLanguage()
  const { board, role, token } = useBoardContext()
  const fileInput = useRef<HTMLInputElement>(null)
  const [downloadFailed, setDownloadFailed] = useState(false)
  const [importState, setImportState] = useState<ImportState>({ phase: 'idle' })

  const download = async (format: ExportFormat) => {
    setDownloadFailed(false)
    const result = await fetchExport(board.id, token, format)
    if (result.ok) saveBlob(result.blob, exportFileName(board.title, format))
    else setDownloadFailed(true)
  }

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setImportState({ phase: 'busy' })
    const result = await importNotesCsv(board.id, token, await file.text())
    if (result.ok) {
      setImportState({ phase: 'done', count: result.imported })
    } else if (result.reason === 'invalid') {
      setImportState({
        phase: 'failed',
        headline: t('files.importFailed'),
        lines: describeImportIssues(result.message, result.issues, language),
      })
    } else {
      const headline = result.reason === 'forbidden' ? t('files.importForbidden') : t('files.importNetwork')
      setImportState({ phase: 'failed', headline, lines: [] })
    }
  }

  return (
    <section className="tk-files" role="dialog" aria-labelledby="files-title" data-testid="files-panel">
      <header>
        <h2 id="files-title">{t('files.title')}</h2>
        <button type="button" className="tk-button tk-button-secondary" onClick={onClose}>
          {t('files.close')}
        </button>
      </header>
      <p className="tk-muted">{t('files.downloadHint')}</p>
      <div className="tk-actions">
        <button type="button" className="tk-button" onClick={() => void download('csv')}>
          {t('files.downloadCsv')}
        </button>
        <button type="button" className="tk-button" onClick={() => void download('json')}>
          {t('files.downloadJson')}
        </button>
      </div>
      {downloadFailed ? (
        <p className="tk-error" role="alert">
          {t('files.downloadFailed')}
        </p>
      ) : null}
      {role === 'view' ? null : (
        <div className="tk-files-import">
          <p className="tk-muted">{t('files.importHint')}</p>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            className="tk-visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="import-file"
            onChange={(event) => void importFile(event)}
          />
          <button
            type="button"
            className="tk-button tk-button-secondary"
            disabled={importState.phase === 'busy'}
            onClick={() => fileInput.current?.click()}
          >
            {importState.phase === 'busy' ? t('files.importing') : t('files.import')}
          </button>
          <div role="status" aria-live="polite" data-testid="import-result">
            {importState.phase === 'done' ? <p>{t('files.imported', { count: importState.count })}</p> : null}
            {importState.phase === 'failed' ? (
              <div className="tk-error">
                <p>{importState.headline}</p>
                {importState.lines.length > 0 ? (
                  <ul>
                    {importState.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      )}
    </section>
  )
}
