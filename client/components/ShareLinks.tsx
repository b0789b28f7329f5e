import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { RotateLinkRequest } from '../../shared/facilitation.js'
import { Panel } from '../board/Panel.js'
import { type MessageKey, useT } from '../i18n/index.js'
import { type BoardLinks, fetchBoardLinks, rotateBoardLink } from '../share/boardLinksApi.js'
import { boardLink } from '../share/boardTokens.js'
import { loadShareLinks, storeShareLinks } from '../share/shareLinks.js'
import { ConfirmDialog } from './ConfirmDialog.js'
import { PresenterView } from './PresenterView.js'
import './share.css'

type LinkRole = RotateLinkRequest['role']

type LinksState = { phase: 'loading' } | { phase: 'ready'; links: BoardLinks | null } | { phase: 'failed' }

type RotationState = { phase: 'idle' } | { phase: 'busy' | 'done' | 'failed'; role: LinkRole }

interface LinkRowProps {
  id: string
  label: MessageKey
  hint: MessageKey
  link: string | null
  /** Shown in place of the link when there is none. */
  missing?: MessageKey
  children?: ReactNode
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // The Clipboard API needs a secure context (a LAN address over http is not one).
    if (!input) return false
    input.select()
    return document.execCommand('copy')
  }
}

function LinkRow({ id, label, hint, link, missing = 'share.missing', children }: LinkRowProps) {
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  return (
    <div className="tk-share-row" data-testid={`share-${id}`}>
      <label htmlFor={`share-link-${id}`}>{t(label)}</label>
      <p className="tk-muted">{t(hint)}</p>
      {link ? (
        <div className="tk-share-input">
          <input
            id={`share-link-${id}`}
            ref={input}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            className="tk-button"
            aria-label={`${t('share.copy')}: ${t(label)}`}
            onClick={async () => {
              if (await copyText(link, input.current)) {
                setCopied(true)
                setTimeout(() => setCopied(false), 2000)
              }
            }}
          >
            {copied ? t('share.copied') : t('share.copy')}
          </button>
        </div>
      ) : (
        <p className="tk-muted">{t(missing)}</p>
      )}
      {children}
    </div>
  )
}

const ROLE_LABEL: Record<LinkRole, MessageKey> = { edit: 'share.edit', view: 'share.view' }
const ROTATE_TITLE: Record<LinkRole, MessageKey> = { edit: 'share.rotateTitle.edit', view: 'share.rotateTitle.view' }
const ROTATE_BODY: Record<LinkRole, MessageKey> = { edit: 'share.rotateBody.edit', view: 'share.rotateBody.view' }

/**
 * The facilitator's panel: the board's links from the server (so any facilitator device shows
 * them), a new link for editors or viewers, and the presenter view of the short join link.
 */
export function ShareLinks(props: { boardId: string; boardTitle: string; token: string; onClose: () => void }) {
  const { boardId, token } = props
  const t = useT()
  // This device's copy (it created the board): shown while the server answers, or if it cannot.
  const [local, setLocal] = useState(() => loadShareLinks(boardId))
  const [state, setState] = useState<LinksState>({ phase: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [confirming, setConfirming] = useState<LinkRole | null>(null)
  const [rotation, setRotation] = useState<RotationState>({ phase: 'idle' })
  const [presenting, setPresenting] = useState(false)

  const showLinks = (links: BoardLinks | null) => {
    setState({ phase: 'ready', links })
    if (links) {
      const copy = { edit: links.edit, view: links.view }
      storeShareLinks(boardId, copy)
      setLocal(copy)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger
  useEffect(() => {
    let cancelled = false
    setState({ phase: 'loading' })
    void fetchBoardLinks(boardId, token).then((result) => {
      if (cancelled) return
      if (result.ok) showLinks(result.links)
      else setState({ phase: 'failed' })
    })
    return () => {
      cancelled = true
    }
  }, [boardId, token, attempt])

  const rotate = async (role: LinkRole) => {
    setRotation({ phase: 'busy', role })
    const result = await rotateBoardLink(boardId, token, role)
    setConfirming(null)
    if (result.ok) {
      showLinks(result.links)
      if (!result.links && local) {
        // An old board until both links are rotated: this device's copy of this one is dead now.
        const rest = { ...local, [role]: null }
        storeShareLinks(boardId, rest)
        setLocal(rest)
      }
      setRotation({ phase: 'done', role })
    } else {
      setRotation({ phase: 'failed', role })
    }
  }

  const server = state.phase === 'ready' ? state.links : null
  const edit = server?.edit ?? local?.edit ?? null
  const view = server?.view ?? local?.view ?? null
  const join = server ? { link: server.join, code: server.joinCode } : null
  // Rotation needs the server's answer first: it is how an old board gets its links kept.
  const canRotate = state.phase === 'ready'

  const rotateButton = (role: LinkRole) =>
    canRotate ? (
      <button
        type="button"
        className="tk-button tk-button-secondary tk-share-rotate"
        aria-label={t('share.rotateFor', { role: t(ROLE_LABEL[role]) })}
        data-testid={`rotate-${role}`}
        disabled={rotation.phase === 'busy'}
        onClick={() => setConfirming(role)}
      >
        {t('share.rotate')}
      </button>
    ) : null

  const status: MessageKey | null =
    rotation.phase === 'busy'
      ? 'share.rotating'
      : rotation.phase === 'done'
        ? 'share.rotated'
        : rotation.phase === 'failed'
          ? 'share.rotateFailed'
          : state.phase === 'loading'
            ? 'share.loading'
            : null

  return (
    <Panel
      className="tk-share"
      testId="share-links"
      title={t('share.title')}
      closeLabel={t('share.close')}
      onClose={props.onClose}
    >
      <div className="tk-share-presenter">
        <button
          type="button"
          className="tk-button"
          data-testid="presenter-button"
          aria-describedby="share-presenter-hint"
          disabled={!join}
          onClick={() => setPresenting(true)}
        >
          {t('share.presenter')}
        </button>
        <p id="share-presenter-hint" className="tk-muted">
          {t('share.presenterHint')}
        </p>
      </div>

      <p
        role="status"
        className={rotation.phase === 'failed' ? 'tk-error tk-share-status' : 'tk-muted tk-share-status'}
        data-testid="share-status"
      >
        {status ? t(status) : null}
      </p>
      {state.phase === 'ready' && state.links === null ? (
        <p className="tk-share-notice" data-testid="share-no-links">
          {t('share.noLinks')}
        </p>
      ) : null}
      {state.phase === 'failed' ? (
        <div className="tk-share-notice" role="alert" data-testid="share-load-failed">
          <p>{t(local ? 'share.loadFailedLocal' : 'share.loadFailed')}</p>
          <button type="button" className="tk-button tk-button-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </button>
        </div>
      ) : null}

      <LinkRow id="edit" label="share.edit" hint="share.editHint" link={edit}>
        {rotateButton('edit')}
      </LinkRow>
      {join ? <LinkRow id="join" label="share.join" hint="share.joinHint" link={join.link} /> : null}
      <LinkRow id="view" label="share.view" hint="share.viewHint" link={view}>
        {rotateButton('view')}
      </LinkRow>
      <LinkRow
        id="facilitator"
        label="share.facilitator"
        hint="share.facilitatorHint"
        link={boardLink(boardId, token)}
      />

      {confirming ? (
        <ConfirmDialog
          title={t(ROTATE_TITLE[confirming])}
          body={t(ROTATE_BODY[confirming])}
          confirmLabel={t('share.rotateConfirm')}
          cancelLabel={t('share.cancel')}
          busy={rotation.phase === 'busy'}
          testId="rotate-confirm"
          onConfirm={() => void rotate(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {presenting && join ? (
        <PresenterView
          boardTitle={props.boardTitle}
          joinLink={join.link}
          joinCode={join.code}
          onClose={() => setPresenting(false)}
        />
      ) : null}
    </Panel>
  )
}
