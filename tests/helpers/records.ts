import type { StoredRecord } from '../../shared/boardDocument.js'

/** A tldraw note shape record of realistic size, as the client writes it into the document. */
export function noteRecord(id: string, text: string, x = 0, y = 0): StoredRecord {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      color: 'yellow',
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      labelColor: 'black',
      fontSizeAdjustment: 0,
    },
    meta: {},
  }
}
