/**
 * The benchmark's workload, identical for every server: realistic tldraw note records in the
 * board layout of shared/boardDocument.ts, cursor states, and a seeded random source so two runs
 * write the same bytes.
 */
import { newBoardDocumentUpdate, type StoredRecord } from '../shared/boardDocument.js'

/** mulberry32: a tiny deterministic PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'osaajapula',
  'yhteistyö',
  'oppilaitokset',
  'rahoitus',
  'liikenneyhteydet',
  'matkailu',
  'vihreä siirtymä',
  'asuminen',
  'palvelut',
  'väestön ikääntyminen',
  'yritykset',
  'tutkimus',
  'kansainvälisyys',
  'energia',
  'digitalisaatio',
  'kulttuuri',
  'nuoret',
  'maahanmuutto',
  'elinvoima',
  'saavutettavuus',
]
const COLORS = ['yellow', 'light-blue', 'light-green', 'orange', 'violet', 'light-red'] as const

/** A sticky-note text of 4–9 words, like a workshop participant writes. */
export function noteText(random: () => number): string {
  const count = 4 + Math.floor(random() * 6)
  const words: string[] = []
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!)
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Latency stamp carried inside a record's meta (tldraw keeps meta as free JSON). */
export interface Stamp {
  /** Sender's client number in the run (board-major), whichever load generator runs it. */
  c: number
  /** Sender's sequence number, from 0. */
  s: number
  /**
   * Wall-clock epoch ms (performance.timeOrigin + performance.now()) when the update was made:
   * the load generators share the machine's clock, so a receiver in another process can subtract it.
   */
  t: number
}

export function noteId(index: number): string {
  return `shape:note${index}`
}

/** A tldraw v5 note shape record as the client writes it into the document. */
export function noteRecord(
  index: number,
  fields: { text: string; x: number; y: number; color?: string; stamp?: Stamp },
): StoredRecord {
  return {
    id: noteId(index),
    typeName: 'shape',
    type: 'note',
    x: fields.x,
    y: fields.y,
    rotation: 0,
    index: `a${index.toString(36)}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      color: fields.color ?? COLORS[index % COLORS.length]!,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: fields.text }] }] },
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
    meta: fields.stamp ? { bench: fields.stamp } : {},
  }
}

/** A fresh note at a random place on a 4000×3000 canvas. */
export function randomNote(index: number, random: () => number): StoredRecord {
  return noteRecord(index, { text: noteText(random), x: Math.round(random() * 4000), y: Math.round(random() * 3000) })
}

/**
 * The next version of a note: usually a drag step (x, y change), sometimes a text edit, as
 * people do on a board. `editShare` of the changes are edits.
 */
export function changedNote(
  previous: StoredRecord,
  random: () => number,
  stamp: Stamp | undefined,
  editShare = 0.1,
): StoredRecord {
  const props = previous.props as Record<string, unknown>
  const next: StoredRecord = { ...previous, meta: stamp ? { bench: stamp } : {} }
  if (random() < editShare) {
    const text = noteText(random)
    next.props = {
      ...props,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    }
  } else {
    next.x = Math.round((previous.x as number) + (random() - 0.5) * 40)
    next.y = Math.round((previous.y as number) + (random() - 0.5) * 40)
  }
  return next
}

/** Reads the stamp back from a record, if it has one. */
export function stampOf(record: unknown): Stamp | undefined {
  const meta = (record as { meta?: { bench?: Stamp } } | null)?.meta
  return meta?.bench
}

/** What a collaborator's cursor looks like in awareness (tldraw-like presence), with a stamp. */
export function cursorState(client: number, x: number, y: number, stamp: Stamp): Record<string, unknown> {
  return {
    user: { id: `user:${client}`, name: `Osallistuja ${client}`, color: '#ff7a00' },
    presence: { cursor: { x, y, type: 'default', rotation: 0 }, currentPageId: 'page:page', chatMessage: '' },
    bench: stamp,
  }
}

/**
 * A blank board as our server creates one (tldraw's document and page records and the schema),
 * for the peers, which have no board-creation step: the seeding client writes it. Base64, made
 * once by the harness and handed to every seed job.
 */
export async function blankBoardUpdate(): Promise<string> {
  // tlschema is slow to import; only seeding needs it.
  const { createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID } = await import('@tldraw/tlschema')
  const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Sivu 1', index: 'a1' as never })
  const records = [
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Benchmark' }),
    page,
  ] as unknown as StoredRecord[]
  return Buffer.from(newBoardDocumentUpdate(createTLSchema().serialize(), records)).toString('base64')
}
