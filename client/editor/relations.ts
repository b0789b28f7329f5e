/**
 * Relations on the canvas: an arrow bound at both ends to structured notes. Its kind is the one
 * a person chose (meta.relationKind) or the default for the two categories, and its label says
 * the kind in the board's language, so every participant sees the same words.
 */
import { type Editor, type TLArrowShape, type TLShape, type TLShapeId, toRichText } from 'tldraw'
import type { Language } from '../../shared/language.js'
import {
  defaultRelationKind,
  RELATION_KINDS,
  RELATION_LABELS,
  RELATION_META_KEY,
  RelationKind,
} from '../../shared/relations.js'
import { isNoteShape, type NoteShape } from '../model/shapeProps.js'

export interface ArrowRelation {
  arrow: TLArrowShape
  from: NoteShape
  to: NoteShape
  kind: RelationKind
  /** False when the kind follows from the categories. */
  kindChosen: boolean
  defaultKind: RelationKind
}

export function isArrowShape(shape: TLShape | undefined | null): shape is TLArrowShape {
  return shape?.type === 'arrow'
}

/** The relation an arrow stands for, or null when it is not bound to two different notes. */
export function relationOfArrow(editor: Editor, arrow: TLArrowShape): ArrowRelation | null {
  let fromId: TLShapeId | undefined
  let toId: TLShapeId | undefined
  for (const binding of editor.getBindingsFromShape(arrow, 'arrow')) {
    if (binding.props.terminal === 'start') fromId = binding.toId
    else toId = binding.toId
  }
  if (!fromId || !toId || fromId === toId) return null
  const from = editor.getShape(fromId)
  const to = editor.getShape(toId)
  if (!isNoteShape(from) || !isNoteShape(to)) return null
  const defaultKind = defaultRelationKind(from.props.category, to.props.category)
  const chosen = RelationKind.safeParse(arrow.meta[RELATION_META_KEY])
  return {
    arrow,
    from,
    to,
    kind: chosen.success ? chosen.data : defaultKind,
    kindChosen: chosen.success,
    defaultKind,
  }
}

const AUTOMATIC_LABELS: ReadonlySet<string> = new Set(
  RELATION_KINDS.flatMap((kind) => Object.values(RELATION_LABELS[kind])),
)

/**
 * The label an arrow should get, or undefined to leave it alone. Only an empty label or one we
 * wrote (a relation kind's name in any language) is ours to change; anything a person typed stays.
 */
export function nextRelationLabel(
  current: string,
  relation: ArrowRelation | null,
  language: Language,
): string | undefined {
  const trimmed = current.trim()
  if (trimmed !== '' && !AUTOMATIC_LABELS.has(trimmed)) return undefined
  const wanted = relation ? RELATION_LABELS[relation.kind][language] : ''
  return wanted === trimmed ? undefined : wanted
}

function syncLabel(editor: Editor, arrowId: TLShapeId, language: Language): void {
  const arrow = editor.getShape(arrowId)
  if (!isArrowShape(arrow)) return
  const current = editor.getShapeUtil(arrow).getText(arrow) ?? ''
  const next = nextRelationLabel(current, relationOfArrow(editor, arrow), language)
  if (next === undefined) return
  editor.updateShape<TLArrowShape>({ id: arrow.id, type: 'arrow', props: { richText: toRichText(next) } })
}

/**
 * Keeps relation labels on arrows up to date as this person binds arrows, changes a relation's
 * kind or a note's category. Returns the unsubscribe.
 */
export function registerRelationLabels(editor: Editor, language: Language): () => void {
  const onBinding = (binding: { type: string; fromId: TLShapeId }, source: 'user' | 'remote') => {
    if (source === 'user' && binding.type === 'arrow') syncLabel(editor, binding.fromId, language)
  }
  const stops = [
    editor.sideEffects.registerAfterCreateHandler('binding', onBinding),
    editor.sideEffects.registerAfterChangeHandler('binding', (_previous, next, source) => onBinding(next, source)),
    editor.sideEffects.registerAfterDeleteHandler('binding', onBinding),
    editor.sideEffects.registerAfterChangeHandler('shape', (previous, next, source) => {
      if (source !== 'user') return
      if (isArrowShape(next) && previous.meta[RELATION_META_KEY] !== next.meta[RELATION_META_KEY]) {
        syncLabel(editor, next.id, language)
      } else if (isNoteShape(next) && isNoteShape(previous) && previous.props.category !== next.props.category) {
        for (const binding of editor.getBindingsToShape(next, 'arrow')) syncLabel(editor, binding.fromId, language)
      }
    }),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}

/** Sets (or, with null, clears) the relation kind a person chose for an arrow. */
export function setRelationKind(editor: Editor, arrow: TLArrowShape, kind: RelationKind | null): void {
  const meta = { ...arrow.meta }
  if (kind === null) delete meta[RELATION_META_KEY]
  else meta[RELATION_META_KEY] = kind
  editor.markHistoryStoppingPoint('relation kind')
  // A partial update merges meta keys and so could never remove one: replace the record's meta.
  editor.store.update(arrow.id, (record) => ({ ...record, meta }))
}
