import { useId } from 'react'
import { useEditor, useValue } from 'tldraw'
import { RELATION_KINDS, RELATION_LABELS, RelationKind } from '../../shared/relations.js'
import { useLanguage, useT } from '../i18n/index.js'
import { isArrowShape, relationOfArrow, setRelationKind } from '../editor/relations.js'

/** While one relation arrow is selected: what kind of relation it is, and a way to change it. */
export function RelationPanel() {
  const editor = useEditor()
  const t = useT()
  const language = useLanguage()
  const id = useId()
  const relation = useValue('selected relation', () => {
    const shape = editor.getOnlySelectedShape()
    return isArrowShape(shape) ? relationOfArrow(editor, shape) : null
  }, [editor])
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (!relation) return null

  return (
    <div className="tk-relation-panel" data-testid="relation-panel">
      <label htmlFor={id}>{t('relation.kindLabel')}</label>
      <select
        id={id}
        value={relation.kindChosen ? relation.kind : ''}
        disabled={readonly}
        onChange={(event) => {
          const value = event.target.value
          const kind = value === '' ? null : RelationKind.safeParse(value)
          if (kind === null) setRelationKind(editor, relation.arrow, null)
          else if (kind.success) setRelationKind(editor, relation.arrow, kind.data)
        }}
      >
        <option value="">{t('relation.automatic', { label: RELATION_LABELS[relation.defaultKind][language] })}</option>
        {RELATION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {RELATION_LABELS[kind][language]}
          </option>
        ))}
      </select>
    </div>
  )
}
