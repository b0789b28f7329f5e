/**
 * Driving the board's canvas like a person: the real palette, keyboard and mouse. Page positions
 * become screen positions through the running editor (window.__tilannekuva), so a test never
 * hard-codes where the camera happens to be.
 */
import type { Page } from 'playwright-core'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'

export interface Point {
  x: number
  y: number
}

/** Where a shape's centre is on the screen now. */
export function shapeCenterOnScreen(page: Page, id: string): Promise<Point> {
  return page.evaluate((id) => {
    const editor = window.__tilannekuva!.editor
    const bounds = editor.getShapePageBounds(id as never)
    if (!bounds) throw new Error(`no shape ${id}`)
    const point = editor.pageToScreen(bounds.center)
    return { x: point.x, y: point.y }
  }, id)
}

/** A point inside a template zone ('need', 'actor', …), offset from its centre in page units. */
export function zonePointOnScreen(page: Page, zoneKey: string, offset: Point = { x: 0, y: 0 }): Promise<Point> {
  return page.evaluate(
    ({ zoneKey, offset }) => {
      const editor = window.__tilannekuva!.editor
      const bounds = editor.getShapePageBounds(`shape:zone-${zoneKey}` as never)
      if (!bounds) throw new Error(`no zone ${zoneKey}`)
      const point = editor.pageToScreen({ x: bounds.center.x + offset.x, y: bounds.center.y + offset.y })
      return { x: point.x, y: point.y }
    },
    { zoneKey, offset },
  )
}

/** Presses at `from`, moves in steps (past tldraw's drag threshold) and releases at `to`. */
export async function dragOnCanvas(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 6 })
  await page.mouse.up()
}

export async function selectedShapeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...window.__tilannekuva!.editor.getSelectedShapeIds()])
}

/**
 * Adds a note with a palette button ('Lappu', 'Tarve', …), types its text into the note's editor
 * and leaves editing with Escape. Returns the new note's id.
 */
export async function addNoteFromPalette(
  page: Page,
  button: string,
  text: string,
  fill?: () => Promise<void>,
): Promise<string> {
  await page.getByTestId('note-palette').getByRole('button', { name: button, exact: true }).click()
  const editorForm = page.getByTestId('note-editor')
  await editorForm.waitFor()
  // The text box has the focus: type as a person would.
  await page.keyboard.type(text)
  if (fill) await fill()
  await page.keyboard.press('Escape')
  await editorForm.waitFor({ state: 'detached' })
  const [id] = await selectedShapeIds(page)
  if (!id) throw new Error('the new note is not selected')
  return id
}

/** A note's props as the local store has them. */
export function noteProps(page: Page, id: string): Promise<NoteShapeProps> {
  return page.evaluate((id) => {
    const shape = window.__tilannekuva!.editor.getShape(id as never)
    if (!shape) throw new Error(`no shape ${id}`)
    return shape.props as unknown as NoteShapeProps
  }, id)
}
