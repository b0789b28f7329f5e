/**
 * Plain text out of tldraw's rich text (TipTap's JSON document), without TipTap: the server reads
 * the text of plain tldraw shapes for the snapshot, CSV and memo, where no editor runs.
 */

/** Nesting deeper than any editor writes; below it a hostile record's text is ignored. */
const MAX_DEPTH = 64

interface RichTextNode {
  type?: unknown
  text?: unknown
  content?: unknown
}

function isNode(value: unknown): value is RichTextNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Children of a node that are nodes themselves; anything else in `content` is skipped. */
function children(node: RichTextNode): RichTextNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : []
}

function isInline(node: RichTextNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak'
}

function textOf(node: RichTextNode, depth: number): string {
  if (depth > MAX_DEPTH) return ''
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  if (node.type === 'hardBreak') return '\n'
  const parts = children(node)
  // A node holding text runs is one line (a paragraph, a heading); others hold blocks, a line each.
  if (parts.some(isInline)) return parts.map((part) => textOf(part, depth + 1)).join('')
  return parts.map((part) => textOf(part, depth + 1)).join('\n')
}

/**
 * The text a person reads in `richText`: blocks (paragraphs, list items, headings) on lines of
 * their own, hard breaks as line breaks, marks dropped, ends trimmed. Anything that is not rich
 * text gives ''. Never throws: the value may come from a buggy or hostile client.
 */
export function plainTextFromRichText(richText: unknown): string {
  if (!isNode(richText)) return ''
  return textOf(richText, 0).trim()
}
