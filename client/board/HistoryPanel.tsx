import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { changedNoteIds } from '../../shared/changes.js'
import { formatDate } from '../../shared/language.js'
import { VERSION_NAME_MAX_LENGTH, type ChangesResponse, type VersionSummary } from '../../shared/versions.js'
import { CheckboxField } from '../components/CheckboxField.js'
import { ConfirmDialog } from '../components/ConfirmDialog.js'
import { ChangesOverlay } from '../history/ChangesOverlay.js'
import { ChangesSummary } from '../history/ChangesSummary.js'
import { VersionViewer } from '../history/VersionViewer.js'
import { createNamedVersion, fetchChanges, fetchVersions, restoreVersion } from '../history/versionsApi.js'
import '../history/history.css'
import { type Translate, useLanguage, useT } from '../i18n/index.js'
import { exportFileName, saveBlob } from '../ui/download.js'
import { fetchMemoPdf } from '../ui/memoPdf.js'
import { useBoardContext } from './BoardContext.js'
import { Panel } from './Panel.js'

/** How a version is called in the list, the dialogs and the viewer. */
function versionLabel(version: VersionSummary, t: Translate, language: ReturnType<typeof useLanguage>): string {
  const time = formatDate(new Date(version.createdAt), language, 'helsinkiDateAndTime')
  switch (version.kind) {
    case 'named':
      return `${version.name ?? ''} (${time})`
    case 'before-restore':
      return `${t('history.kindBeforeRestore')} ${version.name ? `“${version.name}” ` : ''}(${time})`
    case 'automatic':
      return `${t('history.kindAutomatic')} (${time})`
  }
}

/**
 * A version's buttons in the list, in order: each reads `history.<action>` on screen and
 * `history.<action>Label` to a screen reader.
 */
const VERSION_ACTIONS = ['view', 'changes', 'restore'] as const
type VersionAction = (typeof VERSION_ACTIONS)[number]

/**
 * The facilitator's version history: name the board as it is, open an old version read-only on a
 * canvas of its own, see what changed since a version (a summary by category and frames on the live
 * canvas that can be switched off), and restore one after a confirmation. Closing the panel returns
 * to the live board. While a version is shown the panel steps aside (on a phone it would cover the
 * viewer's banner): the banner leads back to the live board and the panel, or restores the version.
 */
export function HistoryPanel({ editor, onClose }: { editor: Editor | null; onClose: () => void }) {
  const t = useT()
  const language = useLanguage()
  const ids = useId()
  const { board, token } = useBoardContext()
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  /** What went wrong with the last command, to show; null when nothing did. */
  const [failure, setFailure] = useState<string | null>(null)
  const failed = failure !== null
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [viewing, setViewing] = useState<VersionSummary | null>(null)
  const [confirming, setConfirming] = useState<VersionSummary | null>(null)
  /** The changes shown: from `version` to `to` (another version), or to the live board (`to` null). */
  const [changes, setChanges] = useState<{
    version: VersionSummary
    to: VersionSummary | null
    answer: ChangesResponse
  } | null>(null)
  const [highlight, setHighlight] = useState(true)

  const reload = useCallback(async () => {
    const result = await fetchVersions(board.id, token)
    if (result.ok) setVersions(result.data.versions)
    else setFailure(t('history.failed'))
  }, [board.id, token, t])
  useEffect(() => {
    void reload()
  }, [reload])

  /** Runs a command; it answers true when done, false (or the message to show) when it failed. */
  const run = async (work: () => Promise<boolean | string>) => {
    if (busy) return
    setBusy(true)
    setFailure(null)
    setMessage(null)
    const outcome = await work()
    setBusy(false)
    if (outcome !== true) setFailure(outcome === false ? t('history.failed') : outcome)
  }
  const save = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    void run(async () => {
      const result = await createNamedVersion(board.id, token, trimmed)
      if (!result.ok) return false
      setName('')
      setMessage(t('history.saved', { name: trimmed }))
      await reload()
      return true
    })
  }
  const showChanges = (version: VersionSummary, to: VersionSummary | null = null) =>
    void run(async () => {
      const result = await fetchChanges(board.id, token, version.id, to?.id ?? 'live')
      if (!result.ok) return false
      setChanges({ version, to, answer: result.data })
      return true
    })
  // The memo with a "changes since" section: what changed from the version to the board as it is now.
  const downloadMemo = (version: VersionSummary) =>
    void run(async () => {
      const result = await fetchMemoPdf(board.id, token, 'a4', false, version.id)
      if (!result.ok) return result.reason === 'busy' ? t('files.pdfBusy') : t('files.downloadFailed')
      saveBlob(result.blob, exportFileName(board.title, 'pdf'))
      return true
    })
  const restore = (version: VersionSummary) =>
    void run(async () => {
      const result = await restoreVersion(board.id, token, version.id)
      setConfirming(null)
      if (!result.ok) {
        const code = (result.body as { error?: unknown } | undefined)?.error
        return code === 'version_schema_too_new' ? t('history.schemaTooNew') : false
      }
      setViewing(null)
      setChanges(null)
      setMessage(t('history.restored', { name: versionLabel(version, t, language) }))
      await reload()
      return true
    })

  // What each of a version's buttons in the list does (VERSION_ACTIONS).
  const onVersionAction: Record<VersionAction, (version: VersionSummary) => void> = {
    view: setViewing,
    changes: (version) => showChanges(version),
    restore: setConfirming,
  }

  // The live editor lets go of the keyboard while a version is shown: its shortcuts (select all,
  // delete) would otherwise act on the live board behind the viewer.
  useEffect(() => {
    if (viewing) editor?.blur()
  }, [viewing, editor])

  // Back from the viewer, the keyboard continues at the version's Open button.
  const returnFocusTo = useRef<string | null>(null)
  const closeViewer = () => {
    returnFocusTo.current = viewing?.id ?? null
    setViewing(null)
  }
  useEffect(() => {
    if (viewing || !returnFocusTo.current) return
    const id = returnFocusTo.current
    returnFocusTo.current = null
    document.querySelector<HTMLElement>(`[data-testid="version-view"][data-version-id="${CSS.escape(id)}"]`)?.focus()
  }, [viewing])

  // Frames show on the live canvas only for changes up to the live board.
  const highlighted = changes && !changes.to ? changedNoteIds(changes.answer.changes) : null

  return (
    <>
      {viewing ? null : (
        <Panel
          className="tk-history"
          testId="history-panel"
          title={t('history.title')}
          closeLabel={t('history.close')}
          busy={busy}
          onClose={onClose}
        >
          <form className="tk-history-form" onSubmit={save}>
            <label htmlFor={`${ids}-name`}>{t('history.nameLabel')}</label>
            <div className="tk-history-form-row">
              <input
                id={`${ids}-name`}
                className="tk-input"
                value={name}
                maxLength={VERSION_NAME_MAX_LENGTH}
                placeholder={t('history.namePlaceholder')}
                data-testid="version-name"
                onChange={(event) => setName(event.target.value)}
              />
              <button type="submit" className="tk-button" data-testid="version-save">
                {t('history.save')}
              </button>
            </div>
          </form>
          <div role="status" aria-live="polite" className="tk-history-status">
            {message ? <p data-testid="history-message">{message}</p> : null}
            {failed ? <p className="tk-error">{t('history.failed')}</p> : null}
          </div>

          {changes ? (
            <section className="tk-history-changes" aria-labelledby={`${ids}-changes`} data-testid="history-changes">
              <div className="tk-history-changes-head">
                <h3 id={`${ids}-changes`}>
                  {changes.to
                    ? t('history.changesBetween', {
                        from: versionLabel(changes.version, t, language),
                        to: versionLabel(changes.to, t, language),
                      })
                    : t('history.changesTitle', { name: versionLabel(changes.version, t, language) })}
                </h3>
                <button type="button" className="tk-button tk-button-secondary" onClick={() => setChanges(null)}>
                  {t('history.closeChanges')}
                </button>
              </div>
              <div className="tk-history-compare">
                <label htmlFor={`${ids}-compare`}>{t('history.compareTo')}</label>
                <select
                  id={`${ids}-compare`}
                  value={changes.to?.id ?? 'live'}
                  data-testid="changes-compare-to"
                  onChange={(event) =>
                    showChanges(changes.version, versions?.find((version) => version.id === event.target.value) ?? null)
                  }
                >
                  <option value="live">{t('history.compareLive')}</option>
                  {(versions ?? [])
                    .filter((version) => version.id !== changes.version.id)
                    .map((version) => (
                      <option key={version.id} value={version.id}>
                        {versionLabel(version, t, language)}
                      </option>
                    ))}
                </select>
              </div>
              {changes.to ? null : (
                <>
                  <CheckboxField
                    checked={highlight}
                    label={t('history.highlight')}
                    hint={t('history.highlightHint')}
                    asSwitch
                    testId="changes-highlight"
                    onChange={setHighlight}
                  />
                  <button
                    type="button"
                    className="tk-button tk-button-secondary"
                    data-testid="changes-memo"
                    onClick={() => downloadMemo(changes.version)}
                  >
                    {t('history.memoWithChanges')}
                  </button>
                </>
              )}
              <ChangesSummary changes={changes.answer.changes} />
            </section>
          ) : null}

          <h3 id={`${ids}-list`}>{t('history.listTitle')}</h3>
          {versions === null && !failed ? <p className="tk-muted">{t('history.loading')}</p> : null}
          {versions?.length === 0 ? <p className="tk-muted">{t('history.empty')}</p> : null}
          {versions && versions.length > 0 ? (
            <ul className="tk-row-list tk-version-list" aria-labelledby={`${ids}-list`} data-testid="version-list">
              {versions.map((version) => {
                const label = versionLabel(version, t, language)
                return (
                  <li key={version.id} className="tk-version" data-kind={version.kind} data-testid="version">
                    <span className="tk-version-label">{label}</span>
                    <span className="tk-version-actions">
                      {VERSION_ACTIONS.map((action) => (
                        <button
                          key={action}
                          type="button"
                          className="tk-button tk-button-secondary"
                          aria-label={t(`history.${action}Label`, { name: label })}
                          data-testid={`version-${action}`}
                          data-version-id={action === 'view' ? version.id : undefined}
                          onClick={() => onVersionAction[action](version)}
                        >
                          {t(`history.${action}`)}
                        </button>
                      ))}
                    </span>
                  </li>
                )
              })}
            </ul>
          ) : null}
        </Panel>
      )}

      {viewing ? (
        <VersionViewer
          boardId={board.id}
          token={token}
          versionId={viewing.id}
          label={versionLabel(viewing, t, language)}
          onClose={closeViewer}
          onRestore={() => setConfirming(viewing)}
        />
      ) : null}
      {editor && highlighted && highlight && !viewing ? <ChangesOverlay editor={editor} notes={highlighted} /> : null}
      {confirming ? (
        <ConfirmDialog
          title={t('history.confirmTitle')}
          body={t('history.confirmBody', { name: versionLabel(confirming, t, language) })}
          confirmLabel={t('history.confirm')}
          cancelLabel={t('history.cancel')}
          busy={busy}
          testId="restore-dialog"
          onConfirm={() => restore(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </>
  )
}
