/**
 * The soft two-note chime at the end of a countdown. Browsers let a page make sound only after
 * the person has interacted with it, so the audio context is made (or resumed) on the first
 * pointer or key press; before that, and where there is no WebAudio, the chime stays silent and
 * the visual pulse and the announcement carry the signal.
 */
let context: AudioContext | null = null
let listening = false

function unlock(): void {
  try {
    context ??= new AudioContext()
    if (context.state === 'suspended') void context.resume().catch(() => undefined)
  } catch {
    context = null
  }
}

/** Prepares sound for later: call once when a board opens. */
export function unlockAudioOnFirstGesture(): void {
  if (listening || typeof window === 'undefined' || typeof AudioContext === 'undefined') return
  listening = true
  const onGesture = () => {
    window.removeEventListener('pointerdown', onGesture, true)
    window.removeEventListener('keydown', onGesture, true)
    unlock()
  }
  window.addEventListener('pointerdown', onGesture, true)
  window.addEventListener('keydown', onGesture, true)
}

/** Plays the chime if this page may make sound; otherwise does nothing. */
export function playTimerTone(): void {
  if (context?.state !== 'running') return
  const start = context.currentTime + 0.02
  for (const [offset, frequency] of [
    [0, 660],
    [0.28, 880],
  ] as const) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    // A quick fade in and a long fade out: a chime, not a beep.
    gain.gain.setValueAtTime(0, start + offset)
    gain.gain.linearRampToValueAtTime(0.08, start + offset + 0.03)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.7)
    oscillator.connect(gain).connect(context.destination)
    oscillator.start(start + offset)
    oscillator.stop(start + offset + 0.75)
  }
}
