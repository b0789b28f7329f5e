import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]
}

/** Serious and critical axe-core findings inside every element matching `selector`. */
export async function axeFindings(page: Page, selector: string): Promise<{ id: string; targets: string[][] }[]> {
  // Evaluated through the DevTools protocol: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'))
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<AxeResult> } }).axe
    const elements = [...document.querySelectorAll(selector)]
    if (elements.length === 0) throw new Error(`nothing matches ${selector}`)
    const result = await axe.run({ include: elements })
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target) }))
  }, selector)
}
