/**
 * What the browser benchmark measures inside the page, the same for our app and the anchor: long
 * tasks from navigation on, when every note is painted, frame times on request, a camera pan and
 * a count of store changes. Written as plain JavaScript source: functions handed to
 * `page.evaluate` from tsx-compiled code would carry its helpers (`__name`) into the page.
 */
import type { Page } from 'playwright-core'

/** Installed before any of the page's scripts run (`context.addInitScript`). */
export function probeScript(noteSelector: string, notes: number): string {
  return `(() => {
  const bench = { longTasks: [], paintedAt: null, frames: null, storeChanges: 0 }
  window.__bench = bench
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration])
  }).observe({ type: 'longtask', buffered: true })
  // Every note is in the DOM (tldraw keeps culled shapes there, hidden): the frame after the one
  // that first holds them all has been painted.
  const watch = () => {
    if (document.querySelectorAll(${JSON.stringify(noteSelector)}).length >= ${notes}) {
      requestAnimationFrame(() => { bench.paintedAt = performance.now() })
      return
    }
    requestAnimationFrame(watch)
  }
  requestAnimationFrame(watch)
  bench.editor = () => (window.__tilannekuva || window.__anchor).editor
  bench.startFrames = () => {
    const frames = []
    bench.frames = frames
    let last = null
    const tick = (time) => {
      if (bench.frames !== frames) return
      if (last !== null) frames.push(time - last)
      last = time
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    return performance.now()
  }
  bench.stopFrames = () => {
    const frames = bench.frames
    bench.frames = null
    return frames
  }
  // Pans the camera sideways and back (one full swing over the window) on every frame.
  bench.pan = (ms) => new Promise((resolve) => {
    const editor = bench.editor()
    const camera = editor.getCamera()
    const bounds = editor.getViewportPageBounds()
    const start = performance.now()
    const tick = () => {
      const elapsed = performance.now() - start
      if (elapsed >= ms) {
        editor.setCamera(camera)
        resolve()
        return
      }
      editor.setCamera({ x: camera.x - bounds.w * 0.5 * Math.sin((elapsed / ms) * 2 * Math.PI) * camera.z, y: camera.y, z: camera.z })
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  bench.countStoreChanges = () => {
    bench.editor().store.listen(() => { bench.storeChanges++ }, { scope: 'document' })
  }
})()`
}

export interface FrameWindow {
  /** Time between consecutive animation frames, ms. */
  frames: number[]
  /** Long tasks that started in the window: [start, duration] in page time. */
  longTasks: [number, number][]
  /** Document changes the page's store saw in the window (the moves it applied). */
  storeChanges: number
  ms: number
}

/** Resolves with the page time at which every note was painted. */
export async function waitForPainted(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction('window.__bench && window.__bench.paintedAt !== null', undefined, {
    timeout: timeoutMs,
    polling: 100,
  })
  return page.evaluate<number>('window.__bench.paintedAt')
}

export async function waitForEditor(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction('!!(window.__tilannekuva || window.__anchor)', undefined, {
    timeout: timeoutMs,
    polling: 100,
  })
}

/** Long tasks so far: [start, duration] in page time. */
export function longTasks(page: Page): Promise<[number, number][]> {
  return page.evaluate<[number, number][]>('window.__bench.longTasks')
}

/** Records frames while `during` runs (after `settleMs` of it), then returns them with the window's long tasks. */
export async function measureFrames(page: Page, during: () => Promise<void>): Promise<FrameWindow> {
  const changesBefore = await page.evaluate<number>('window.__bench.storeChanges')
  const startedAt = await page.evaluate<number>('window.__bench.startFrames()')
  const started = performance.now()
  await during()
  const frames = await page.evaluate<number[]>('window.__bench.stopFrames()')
  const ms = performance.now() - started
  const endedAt = await page.evaluate<number>('performance.now()')
  const tasks = (await longTasks(page)).filter(([start]) => start >= startedAt && start < endedAt)
  const storeChanges = (await page.evaluate<number>('window.__bench.storeChanges')) - changesBefore
  return { frames, longTasks: tasks, storeChanges, ms }
}

/** Pans the camera for `ms` on every frame, in the page. */
export function pan(page: Page, ms: number): Promise<void> {
  return page.evaluate<void>(`window.__bench.pan(${ms})`)
}

/** Starts counting the store's document changes (once per page). */
export function countStoreChanges(page: Page): Promise<void> {
  return page.evaluate<void>('window.__bench.countStoreChanges()')
}
