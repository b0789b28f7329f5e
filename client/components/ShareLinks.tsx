import { useRef, useState } from 'react'
import { type MessageKey, useT } from '../i18n/index.js'
import { boardLink } from '../share/boardTokens.js'
import { loadShareLinks } from '../share/shareLinks.js'

interface LinkRowProps {
  id: string
  label: MessageKey
  hint: MessageKey
  link: string | null
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

function LinkRow({ id, label, hint, link }: LinkRowProps) {
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  return (
    <div className="tk-share-row" data-testid={`share-${id}`}>
      <label htmlFor={`share-link-${id}`}>{t(label)}</label>
      <p className="tk-muted">{hint && t(hint)}</p>
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
        <p className="tk-muted">{t('share.missing')}</p>
      )}
    </div>
  )
}

/** The facilitator's panel with the board's three links. */
export function ShareLinks({ boardId, token, onClose }: { boardId: string; token: string; onClose: () => void }) {
  const t = useT()
  const stored = loadShareLinks(boardId)
  return (
    <section className="tk-share" role="dialog" aria-labelledby="share-title" data-testid="share-links">
      <header>
        <h2 id="share-title">{t('share.title')}</h2>
        <button type="button" className="tk-button tk-button-secondary" onClick={onClose}>
          {t('share.close')}
        </button>
      </header>
      <p className="tk-muted">{t('share.onceNotice')}</p>
      <LinkRow
        id="facilitator"
        label="share.facilitator"
        hint="share.facilitatorHint"
        link={boardLink(boardId, token)}
      />
      <LinkRow id="edit" label="share.edit" hint="share.editHint" link={stored?.edit ?? null} />
      <LinkRow id="view" label="share.view" hint="share.viewHint" link={stored?.view ?? null} />
    </section>
  )
}
