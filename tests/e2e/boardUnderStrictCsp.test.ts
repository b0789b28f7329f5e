import type { Browser } from 'playwright-core'
import type { TLAssetId, TLImageShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { createNoteThroughUi, newUserPage, notes, openBoard, useServerAndBrowser } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

declare global {
  interface Window {
    __cspViolations?: string[]
  }
}

describe('content security policy', () => {
  it('lets a person use a board (notes, shapes, images, export) without one CSP violation', async () => {
    const created = await server.createBoard('CSP-taulu')
    const user = await newUserPage(browser)
    // Recorded from the first script on, before the app loads.
    await user.page.addInitScript(() => {
      window.__cspViolations = []
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__cspViolations!.push(`${event.violatedDirective} ${event.blockedURI}`),
      )
    })
    const consoleViolations: string[] = []
    user.page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleViolations.push(message.text())
    })
    const response = await user.page.goto(`${server.url}/`)
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'")
    await openBoard(user, `${server.url}${created.links.facilitator}`, 'Csp')

    await createNoteThroughUi(user.page, 'Vahvuus: yhteistyö', { x: 500, y: 300 })
    await notes(user.page).filter({ hasText: 'Vahvuus: yhteistyö' }).waitFor()
    // A rectangle, drawn as a person does.
    await user.page.keyboard.press('r')
    await user.page.mouse.move(700, 400)
    await user.page.mouse.down()
    await user.page.mouse.move(820, 480, { steps: 4 })
    await user.page.mouse.up()
    // An image pasted as a data: URL, and the board exported as PNG and SVG (blob: and data: URLs).
    const exported = await user.page.evaluate(async () => {
      const editor = window.__tilannekuva!.editor
      const pixel =
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
      const assetId = 'asset:pixel' as TLAssetId
      editor.createAssets([
        {
          id: assetId,
          typeName: 'asset',
          type: 'image',
          props: { name: 'pixel.png', src: pixel, w: 1, h: 1, mimeType: 'image/png', isAnimated: false },
          meta: {},
        },
      ])
      editor.createShape<TLImageShape>({ type: 'image', x: 100, y: 100, props: { assetId, w: 40, h: 40 } })
      const ids = [...editor.getCurrentPageShapeIds()]
      const image = await editor.toImage(ids, { format: 'png' })
      const svg = await editor.getSvgString(ids)
      return { pngBytes: image.blob.size, svgLength: svg?.svg.length ?? 0 }
    })
    expect(exported.pngBytes).toBeGreaterThan(100)
    expect(exported.svgLength).toBeGreaterThan(100)
    // Zoom to fit: every shape, the pasted image too, is rendered.
    await user.page.keyboard.press('Shift+1')
    await user.page.locator('.tl-shape[data-shape-type="image"] img').first().waitFor()

    const violations = await user.page.evaluate(() => window.__cspViolations ?? [])
    expect(violations).toEqual([])
    expect(consoleViolations).toEqual([])
    expect(user.errors).toEqual([])
  })
})
