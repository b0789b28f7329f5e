import { type KeyboardEvent, useId } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import type { Board } from '../../shared/api.js'
import { focusShape, shortText } from '../editor/focusShape.js'
import { type Translate, useLanguage, useT } from '../i18n/index.js'
import type { BoardConnection } from '../sync/boardConnection.js'
import type { VisitNote } from './lastVisit.js'
import { useSinceLastVisit } from './useSinceLastVisit.js'
import './offline.css'

/** Notes listed per kind; the rest are counted. A board of thousands stays readable. */
const LISTED_PER_KIND = 12

/**
 * "Since your last visit": what changed on the board since this person last had it open on
 * this device, until they dismiss it (Escape or the close button). A listed note is a button that
 * shows it on the canvas; "show on the canvas" selects every one still there.
 */
export function SinceLastVisitNotice(props: { connection: BoardConnection; board: Board; editor: Editor | null }) {
  const t = useT()
  const language = useLanguage()
  const titleId = useId()
  const { since, dismiss } = useSinceLastVisit(props.connection, props.board)
  if (!since) return null
  const { editor } = props
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(since.lastVisitAt),
  )
  const onCanvas = [...since.added, ...since.edited].map((note) => note.id as TLShapeId)
  const showAll = () => {
    if (!editor) return
    const ids = onCanvas.filter((id) => editor.getShape(id))
    if (ids.length === 0) return
    editor.setCurrentTool('select')
    editor.select(...ids)
    editor.zoomToSelection({ animation: { duration: 320 } })
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    dismiss()
  }

  return (
    // A region of its own, not a dialog: it takes no focus and the board stays usable beside it.
    <section className="tk-since-visit" aria-labelledby={titleId} data-testid="since-last-visit" onKeyDown={onKeyDown}>
      {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a header inside a panel, not the page's banner */}
      <header role="none">
        <h2 id={titleId}>{t('visit.title', { date: when })}</h2>
        <button type="button" className="tk-button tk-button-secondary" onClick={dismiss} data-testid="since-dismiss">
          {t('visit.dismiss')}
        </button>
      </header>
      <p className="tk-since-counts" data-testid="since-counts">
        {t('visit.counts', { added: since.added.length, edited: since.edited.length, removed: since.removed.length })}
      </p>
      <NoteKind
        title={t('visit.added')}
        notes={since.added}
        testId="since-added"
        t={t}
        show={editor ? (id) => focusShape(editor, id) : null}
      />
      <NoteKind
        title={t('visit.edited')}
        notes={since.edited}
        testId="since-edited"
        t={t}
        show={editor ? (id) => focusShape(editor, id) : null}
      />
      <NoteKind title={t('visit.removed')} notes={since.removed} testId="since-removed" t={t} show={null} />
      {onCanvas.length > 0 ? (
        <div className="tk-actions">
          <button type="button" className="tk-button" onClick={showAll} disabled={!editor} data-testid="since-show-all">
            {t('visit.showAll')}
          </button>
        </div>
      ) : null}
    </section>
  )
}

function NoteKind(props: {
  title: string
  notes: readonly VisitNote[]
  testId: string
  t: Translate
  /** Shows a note on the canvas; null for notes no longer there. */
  show: ((id: TLShapeId) => void) | null
}) {
  const headingId = useId()
  if (props.notes.length === 0) return null
  const listed = props.notes.slice(0, LISTED_PER_KIND)
  const more = props.notes.length - listed.length
  const { show, t } = props
  return (
    <div className="tk-since-kind" data-testid={props.testId}>
      <h3 id={headingId}>{props.title}</h3>
      <ul aria-labelledby={headingId}>
        {listed.map((note) => {
          const label = shortText(note.text, t('list.noText'))
          return (
            <li key={note.id}>
              {show ? (
                <button type="button" className="tk-since-link" onClick={() => show(note.id as TLShapeId)}>
                  {label}
                </button>
              ) : (
                <span>{label}</span>
              )}
            </li>
          )
        })}
      </ul>
      {more > 0 ? <p className="tk-since-more">{t('visit.more', { count: more })}</p> : null}
    </div>
  )
}
