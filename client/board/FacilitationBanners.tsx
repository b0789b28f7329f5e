import { useEditor, useValue } from 'tldraw'
import { facilitationBinding } from '../facilitation/registerFacilitation.js'
import { useFacilitation } from '../facilitation/useFacilitation.js'
import { leaderUserId } from '../facilitation/registerFacilitation.js'
import { useT } from '../i18n/index.js'
import { useBoardContext } from './BoardContext.js'

/**
 * What the facilitator has set that changes what this person can do: a frozen board, an
 * anonymous round, following the facilitator (with a way back in after stepping out). Changes
 * are announced politely.
 */
export function FacilitationBanners() {
  const t = useT()
  const editor = useEditor()
  const { role } = useBoardContext()
  const { frozen, anonymous, follow } = useFacilitation()
  const binding = facilitationBinding(editor)
  const steppedOut = useValue('stepped out', () => binding?.steppedOut.get() ?? false, [binding])
  const leads = follow.mode !== 'none' && leaderUserId(follow.userId) === editor.user.getRecordId()
  const isFacilitator = role === 'facilitator'

  return (
    <div className="tk-facilitation-banners" role="status" aria-live="polite" data-testid="facilitation-banners">
      {frozen ? (
        <p className="tk-banner tk-banner-frozen" data-testid="frozen-banner">
          <span aria-hidden="true">❄️ </span>
          {isFacilitator
            ? t('banner.frozenFacilitator')
            : role === 'edit'
              ? t('banner.frozen')
              : t('banner.frozenViewer')}
        </p>
      ) : null}
      {anonymous ? (
        <p className="tk-banner tk-banner-anonymous" data-testid="anonymous-banner">
          <span aria-hidden="true">🕶️ </span>
          {t('banner.anonymous')}
        </p>
      ) : null}
      {follow.mode === 'follow' && leads ? (
        <p className="tk-banner tk-banner-info" data-testid="leading-banner">
          {t('banner.leading')}
        </p>
      ) : null}
      {follow.mode === 'follow' && !leads ? (
        <p className="tk-banner tk-banner-info" data-testid="following-banner">
          {steppedOut ? t('banner.steppedOut') : t('banner.following')}
          {steppedOut && binding ? (
            <>
              {' '}
              <button type="button" className="tk-button" onClick={() => binding.followAgain()}>
                {t('banner.followAgain')}
              </button>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  )
}
