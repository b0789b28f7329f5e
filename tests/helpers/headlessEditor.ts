/**
 * A tldraw Editor that runs in node without a browser, for tests that drive the editor's own
 * operations (create, group, reparent, delete, undo) against a real store. Nothing is rendered:
 * the container and its document are just the few methods the editor calls when it starts.
 */
import {
  defaultAddFontsFromNode,
  defaultShapeTools,
  defaultTools,
  Editor,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
  type TLStateNodeConstructor,
  type TLStore,
  tipTapDefaultExtensions,
} from 'tldraw'

class HeadlessElement {
  readonly children: HeadlessElement[] = []
  readonly style = {
    values: new Map<string, string>(),
    setProperty(key: string, value: string) {
      this.values.set(key, value)
    },
    getPropertyValue(key: string) {
      return this.values.get(key) ?? ''
    },
    removeProperty(key: string) {
      this.values.delete(key)
    },
  }
  readonly classList = { add() {}, remove() {}, contains: () => false }
  readonly dataset: Record<string, string> = {}
  tabIndex = 0
  textContent = ''
  constructor(readonly ownerDocument: HeadlessDocument) {}
  setAttribute() {}
  removeAttribute() {}
  appendChild(child: HeadlessElement) {
    this.children.push(child)
    return child
  }
  remove() {}
  addEventListener() {}
  removeEventListener() {}
  getBoundingClientRect() {
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: 1280,
      bottom: 800,
      width: 1280,
      height: 800,
    }
  }
  focus() {}
  blur() {}
}

class HeadlessDocument {
  readonly body: HeadlessElement = new HeadlessElement(this)
  title = ''
  createElement() {
    return new HeadlessElement(this)
  }
  addEventListener() {}
  removeEventListener() {}
}

// The editor's tick loop asks for frames; with nothing on screen none need to come.
globalThis.requestAnimationFrame ??= () => 0
globalThis.cancelAnimationFrame ??= () => {}
// tldraw's timers and its instance state read these few things from `window`.
if (typeof window === 'undefined') {
  Object.assign(globalThis, {
    window: {
      devicePixelRatio: 1,
      requestAnimationFrame: globalThis.requestAnimationFrame,
      cancelAnimationFrame: globalThis.cancelAnimationFrame,
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      setInterval: globalThis.setInterval,
      clearInterval: globalThis.clearInterval,
      addEventListener() {},
      removeEventListener() {},
    },
  })
}

/**
 * An editor over `store` with tldraw's default tools (those in `tools` replace the default of
 * the same id, as `<Tldraw tools>` does), in the select tool, and the rich-text options
 * `<Tldraw>` gives it. Dispose it before the store.
 */
export function headlessEditor(
  store: TLStore,
  shapeUtils: readonly TLAnyShapeUtilConstructor[],
  bindingUtils: readonly TLAnyBindingUtilConstructor[],
  tools: readonly TLStateNodeConstructor[] = [],
): Editor {
  const container = new HeadlessDocument().body
  const replaced = new Set(tools.map((tool) => tool.id))
  return new Editor({
    store,
    shapeUtils: [...shapeUtils],
    bindingUtils: [...bindingUtils],
    tools: [...[...defaultTools, ...defaultShapeTools].filter((tool) => !replaced.has(tool.id)), ...tools],
    initialState: 'select',
    getContainer: () => container as unknown as HTMLElement,
    options: {
      text: {
        addFontsFromNode: defaultAddFontsFromNode,
        tipTapConfig: { extensions: tipTapDefaultExtensions },
      },
    },
  })
}
