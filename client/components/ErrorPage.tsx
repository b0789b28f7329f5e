import type { ReactNode } from 'react'
import { useT } from '../i18n/index.js'
import { LanguageSwitch } from './LanguageSwitch.js'

export interface ErrorPageProps {
  title: string
  body: string
  /** Extra actions (retry, reload); a link home is always offered. */
  actions?: ReactNode
}

/** A full page explaining why the board cannot be shown, and what to do. */
export function ErrorPage({ title, body, actions }: ErrorPageProps) {
  const t = useT()
  return (
    <main className="tk-page tk-centered">
      <section className="tk-card" role="alert" data-testid="error-page">
        <h1>{title}</h1>
        <p>{body}</p>
        <div className="tk-actions">
          {actions}
          <a className="tk-button tk-button-secondary" href="/">
            {t('error.home')}
          </a>
        </div>
      </section>
      <LanguageSwitch />
    </main>
  )
}
