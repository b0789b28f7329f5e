/** Notes and API calls for the version history tests. */
import { makeShapeRecord, NOTE_SHAPE_TYPE, type NoteShapeProps } from '../../shared/canvasShapes.js'
import type { StoredRecord } from '../../shared/boardDocument.js'

/** A structured note outside every template zone (no zone rule touches it), its category chosen. */
export function looseNote(id: string, props: Partial<NoteShapeProps>, x = 2600, y = 600): StoredRecord {
  return makeShapeRecord({
    id: `shape:${id}`,
    type: NOTE_SHAPE_TYPE,
    x,
    y,
    index: 'a5',
    props: {
      category: 'need',
      text: '',
      fields: {},
      author: 'Aino',
      createdAt: 1,
      updatedAt: 1,
      w: 240,
      h: 160,
      categoryChosen: true,
      ...props,
    },
  }) as StoredRecord
}

export interface ApiAnswer {
  status: number
  body: unknown
}

/** A JSON call of a board route with a token; the body parsed when it is JSON. */
export async function boardApi(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body: parsed }
}
