import { toRichText } from 'tldraw'
import { expect, test } from 'vitest'
import { plainTextFromRichText } from '../../shared/richText.js'

const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content })
const doc = (...content: unknown[]) => ({ type: 'doc', content })

test('paragraphs are lines, hard breaks break lines, marks are dropped', () => {
  expect(plainTextFromRichText(doc(paragraph(text('Vahva '), text('yliopisto', [{ type: 'bold' }]))))).toBe(
    'Vahva yliopisto',
  )
  expect(
    plainTextFromRichText(
      doc(paragraph(text('Tarve')), paragraph(), paragraph(text('Åbo'), { type: 'hardBreak' }, text('Turku'))),
    ),
  ).toBe('Tarve\n\nÅbo\nTurku')
})

test('list items and headings are lines of their own, however deep the list', () => {
  const item = (value: string, ...nested: unknown[]) => ({
    type: 'listItem',
    content: [paragraph(text(value)), ...nested],
  })
  const list = (...items: unknown[]) => ({ type: 'bulletList', content: items })
  expect(
    plainTextFromRichText(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Toimijat')] },
        list(item('kunta', list(item('Kajaani'))), item('yritys')),
      ),
    ),
  ).toBe('Toimijat\nkunta\nKajaani\nyritys')
})

test('what tldraw writes for typed text reads back as that text', () => {
  for (const value of ['Yksi rivi', 'kaksi\nriviä', 'Sámi: čđŋšŧž', '  välit  reunoilla  ']) {
    const rich = toRichText(value)
    expect(plainTextFromRichText(rich), value).toBe(value.trim())
  }
})

test('anything that is not rich text gives empty text, never an error', () => {
  for (const value of [
    undefined,
    null,
    42,
    'teksti',
    [],
    [text('x')],
    {},
    { type: 'doc', content: 'x' },
    { content: [7, null] },
  ]) {
    expect(plainTextFromRichText(value), JSON.stringify(value)).toBe('')
  }
  expect(plainTextFromRichText(doc(paragraph({ type: 'text', text: 5 }), paragraph(text('jää'))))).toBe('jää')
  // Nesting beyond any editor's is cut off rather than overflowing the stack.
  let deep: unknown = text('pohja')
  for (let i = 0; i < 100_000; i++) deep = paragraph(deep)
  expect(plainTextFromRichText(doc(paragraph(text('pinta')), deep))).toBe('pinta')
})
