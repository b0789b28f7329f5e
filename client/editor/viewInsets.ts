/** How much of the canvas tldraw's own menus cover, so that our overlays stay clear of them. */
import { useLayoutEffect, useState } from 'react'
import { type Editor, useEditor } from 'tldraw'
import type { ViewInsets } from '../model/editorPlacement.js'

/** Fallbacks while tldraw's menus are not on the screen yet (CSS px). */
const DEFAULT_INSETS: ViewInsets = { top: 48, bottom: 64 }

/** The screen that tldraw's menu (top left) and toolbar (bottom) take from the canvas. */
export function measureInsets(editor: Editor): ViewInsets {
  const container = editor.getContainer().getBoundingClientRect()
  const menu = editor.getContainer().querySelector('.tlui-menu-zone')?.getBoundingClientRect()
  const toolbar = editor.getContainer().querySelector('.tlui-main-toolbar')?.getBoundingClientRect()
  return {
    top: menu && menu.height > 0 ? Math.max(0, menu.bottom - container.top) : DEFAULT_INSETS.top,
    bottom: toolbar && toolbar.height > 0 ? Math.max(0, container.bottom - toolbar.top) : DEFAULT_INSETS.bottom,
  }
}

/** measureInsets, kept up to date as the canvas changes size (a phone turned, a panel opened). */
export function useViewInsets(): ViewInsets {
  const editor = useEditor()
  const [insets, setInsets] = useState(DEFAULT_INSETS)
  useLayoutEffect(() => {
    const measure = () => {
      const next = measureInsets(editor)
      setInsets((previous) => (previous.top === next.top && previous.bottom === next.bottom ? previous : next))
    }
    measure()
    // tldraw's toolbar appears a frame after the canvas.
    const frame = requestAnimationFrame(measure)
    const observer = new ResizeObserver(measure)
    observer.observe(editor.getContainer())
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [editor])
  return insets
}
