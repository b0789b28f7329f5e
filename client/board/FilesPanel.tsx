import { useId, useState } from 'react'
import type { Editor } from 'tldraw'
import { EXPORT_EXTENSIONS, type ExportFormat, fetchExport, importNotesCsv } from '../api.js'
import { FileChooserButton } from '../components/FileChooserButton.js'
import { useLanguage, useT } from '../i18n/index.js'
import { exportFileName, saveBlob } from '../ui/download.js'
import { exportCanvas, fetchMemoPdf, type MemoPaper } from '../ui/memoPdf.js'
import { describeImportIssues } from '../ui/importIssues.js'
import { useBoardContext } from './BoardContext.js'
import { Panel } from './Panel.js'

type ImportState =
  | { phase: 'idle' }
  | { phase: 'busy' }
  | { phase: 'done'; count: number }
  | { phase: 'failed'; headline: string; lines: string[] }

/** The canvas as an image, one button per format. */
const CANVAS_DOWNLOADS = [
  { format: 'png', label: 'files.downloadPng' },
  { format: 'svg', label: 'files.downloadSvg' },
] as const

type MemoState =
  | { phase: 'idle' | 'busy' }
  | { phase: 'failed'; message: 'files.pdfBusy' | 'files.downloadFailed' | 'files.canvasEmpty' }

/**
 * Downloads of the picture (PDF memo, CSV, JSON, the canvas as PNG or SVG) and, for those who may
 * edit, importing notes from CSV.
 */
export function FilesPanel({ onClose, editor }: { onClose: () => void; editor: Editor | null }) {
  const t = useT()
  const language = useLanguage()
  const { board, role, token } = useBoardContext()
  const [downloadFailed, setDownloadFailed] = useState(false)
  const [importState, setImportState] = useState<ImportState>({ phase: 'idle' })
  const [paper, setPaper] = useState<MemoPaper>('a4')
  const [includeAuthors, setIncludeAuthors] = useState(false)
  const [memoState, setMemoState] = useState<MemoState>({ phase: 'idle' })
  const ids = useId()

  const exportPdf = async () => {
    setMemoState({ phase: 'busy' })
    const result = await fetchMemoPdf(board.id, token, paper, includeAuthors)
    if (result.ok) {
      saveBlob(result.blob, exportFileName(board.title, 'pdf'))
      setMemoState({ phase: 'idle' })
    } else {
      setMemoState({ phase: 'failed', message: result.reason === 'busy' ? 'files.pdfBusy' : 'files.downloadFailed' })
    }
  }

  const downloadCanvas = async (format: 'png' | 'svg') => {
    if (!editor) return
    setMemoState({ phase: 'idle' })
    try {
      const blob = await exportCanvas(editor, format)
      if (blob) saveBlob(blob, exportFileName(board.title, format))
      else setMemoState({ phase: 'failed', message: 'files.canvasEmpty' })
    } catch {
      setMemoState({ phase: 'failed', message: 'files.downloadFailed' })
    }
  }

  const download = async (format: ExportFormat) => {
    setDownloadFailed(false)
    const result = await fetchExport(board.id, token, format)
    if (result.ok) saveBlob(result.blob, exportFileName(board.title, EXPORT_EXTENSIONS[format]))
    else setDownloadFailed(true)
  }

  const importFile = async (file: File) => {
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
    <Panel
      className="tk-files"
      testId="files-panel"
      title={t('files.title')}
      closeLabel={t('files.close')}
      onClose={onClose}
    >
      <section className="tk-files-memo" aria-labelledby={`${ids}-memo`}>
        <h3 id={`${ids}-memo`}>{t('files.memoTitle')}</h3>
        <p className="tk-muted">{t('files.memoHint')}</p>
        <div className="tk-actions">
          <label htmlFor={`${ids}-paper`}>{t('files.paper')}</label>
          <select
            id={`${ids}-paper`}
            value={paper}
            data-testid="memo-paper"
            onChange={(event) => setPaper(event.target.value === 'a3' ? 'a3' : 'a4')}
          >
            <option value="a4">{t('files.paperA4')}</option>
            <option value="a3">{t('files.paperA3')}</option>
          </select>
          <label>
            <input
              type="checkbox"
              checked={includeAuthors}
              data-testid="memo-authors"
              onChange={(event) => setIncludeAuthors(event.target.checked)}
            />{' '}
            {t('files.includeAuthors')}
          </label>
          <button
            type="button"
            className="tk-button"
            disabled={memoState.phase === 'busy'}
            data-testid="export-pdf"
            onClick={() => void exportPdf()}
          >
            {memoState.phase === 'busy' ? t('files.exportingPdf') : t('files.exportPdf')}
          </button>
        </div>
        {editor ? (
          // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form section (fieldset)
          <div className="tk-actions" role="group" aria-label={t('files.canvasTitle')}>
            {CANVAS_DOWNLOADS.map(({ format, label }) => (
              <button
                key={format}
                type="button"
                className="tk-button tk-button-secondary"
                data-testid={`export-${format}`}
                onClick={() => void downloadCanvas(format)}
              >
                {t(label)}
              </button>
            ))}
          </div>
        ) : null}
        <div role="status" aria-live="polite" data-testid="memo-result">
          {memoState.phase === 'failed' ? <p className="tk-error">{t(memoState.message)}</p> : null}
        </div>
      </section>
      <p className="tk-muted">{t('files.downloadHint')}</p>
      <div className="tk-actions">
        <button type="button" className="tk-button" onClick={() => void download('csv')}>
          {t('files.downloadCsv')}
        </button>
        <button type="button" className="tk-button" onClick={() => void download('json')}>
          {t('files.downloadJson')}
        </button>
      </div>
      {role === 'facilitator' ? (
        <section className="tk-files-move" aria-labelledby={`${ids}-move`}>
          <h3 id={`${ids}-move`}>{t('files.moveTitle')}</h3>
          <p className="tk-muted">{t('files.moveHint')}</p>
          <div className="tk-actions">
            <button
              type="button"
              className="tk-button tk-button-secondary"
              data-testid="export-board-file"
              onClick={() => void download('board')}
            >
              {t('files.downloadBoardFile')}
            </button>
          </div>
        </section>
      ) : null}
      {downloadFailed ? (
        <p className="tk-error" role="alert">
          {t('files.downloadFailed')}
        </p>
      ) : null}
      {role === 'view' ? null : (
        <div className="tk-files-import">
          <p className="tk-muted">{t('files.importHint')}</p>
          <FileChooserButton
            accept=".csv,text/csv"
            busy={importState.phase === 'busy'}
            testId="import-file"
            onFile={(file) => void importFile(file)}
          >
            {importState.phase === 'busy' ? t('files.importing') : t('files.import')}
          </FileChooserButton>
          <div role="status" aria-live="polite" data-testid="import-result">
            {importState.phase === 'done' ? <p>{t('files.imported', { count: importState.count })}</p> : null}
            {importState.phase === 'failed' ? (
              <div className="tk-error">
                <p>{importState.headline}</p>
                {importState.lines.length > 0 ? (
                  <ul>
                    {importState.lines.map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed once shown, and may repeat
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      )}
    </Panel>
  )
}
