import { useEffect, useRef, useState } from 'react'
import { timerRemainingMs } from '../../shared/facilitation.js'
import { measureServerClock, serverNow } from '../facilitation/serverClock.js'
import { formatCountdown } from '../facilitation/timerFormat.js'
import { playTimerTone, unlockAudioOnFirstGesture } from '../facilitation/timerTone.js'
import { useFacilitation } from '../facilitation/useFacilitation.js'
import { useT } from '../i18n/index.js'

/** How long the badge pulses once time is up. */
const PULSE_MS = 6000

/**
 * The facilitator's countdown, the same for everyone: computed in the server's clock from the
 * state in the document, so a late joiner or a reload shows the right time. At zero it chimes
 * softly (where the browser allows sound), pulses and tells screen readers, once per run.
 */
export function TimerBadge() {
  const t = useT()
  const { timer } = useFacilitation()
  const [now, setNow] = useState(serverNow)
  const [pulsing, setPulsing] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  // The run (its end time) we saw with time left: only such a run may signal its end here.
  const armedFor = useRef<number | null>(null)

  useEffect(() => {
    unlockAudioOnFirstGesture()
    void measureServerClock().then(() => setNow(serverNow()))
  }, [])

  const running = timer.status === 'running'
  useEffect(() => {
    if (!running) return
    setNow(serverNow())
    const interval = setInterval(() => setNow(serverNow()), 250)
    return () => clearInterval(interval)
  }, [running])

  // The offset is an estimate: never show more than the timer was set for.
  const remaining = timer.status === 'idle' ? 0 : Math.min(timerRemainingMs(timer, now), timer.durationMs)
  const endsAt = timer.status === 'running' ? timer.endsAt : null
  useEffect(() => {
    if (endsAt === null) {
      armedFor.current = null
      return
    }
    if (remaining > 0) {
      armedFor.current = endsAt
      return
    }
    if (armedFor.current !== endsAt) return
    armedFor.current = null
    playTimerTone()
    setPulsing(true)
    setAnnouncement(t('timer.ended'))
  }, [endsAt, remaining, t])

  useEffect(() => {
    if (!pulsing) return
    const stopPulse = setTimeout(() => setPulsing(false), PULSE_MS)
    return () => clearTimeout(stopPulse)
  }, [pulsing])

  // A new run clears the last announcement, so that the next one is read out again.
  useEffect(() => {
    if (endsAt !== null) setAnnouncement('')
  }, [endsAt])

  const ended = timer.status === 'running' && remaining === 0
  return (
    <>
      {timer.status === 'idle' ? null : (
        <span
          className={`tk-badge tk-timer${ended ? ' tk-timer-ended' : ''}${pulsing ? ' tk-timer-pulse' : ''}`}
          role="timer"
          data-testid="timer"
          data-status={timer.status}
          data-remaining-ms={remaining}
        >
          <span aria-hidden="true">{timer.status === 'paused' ? '⏸' : '⏱'}</span>
          <span className="tk-visually-hidden">
            {timer.status === 'paused' ? t('timer.pausedLabel') : t('timer.remainingLabel')}
          </span>
          <span className="tk-timer-digits">{formatCountdown(remaining)}</span>
        </span>
      )}
      <span className="tk-visually-hidden" role="status" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </span>
    </>
  )
}
