import { describe, expect, it } from 'vitest'
import { type ArrowRelation, nextRelationLabel } from '../../client/editor/relations.js'

const relation = (kind: ArrowRelation['kind']) => ({ kind }) as ArrowRelation

describe('relation labels on arrows', () => {
  it('label an arrow between notes in the board language when its label is empty', () => {
    expect(nextRelationLabel('', relation('can_answer'), 'fi')).toBe('voi vastata tarpeeseen')
    expect(nextRelationLabel('', relation('can_answer'), 'sv')).toBe('kan svara på behovet')
  })

  it('follow a change of kind, and leave a label that is already right alone', () => {
    expect(nextRelationLabel('voi vastata tarpeeseen', relation('supports'), 'fi')).toBe('tukee')
    expect(nextRelationLabel('tukee', relation('supports'), 'fi')).toBeUndefined()
    // A label written in another language by an older board stays ours to replace.
    expect(nextRelationLabel('supports', relation('supports'), 'fi')).toBe('tukee')
  })

  it('are cleared when the arrow stops being a relation, if they were ours', () => {
    expect(nextRelationLabel('tukee', null, 'fi')).toBe('')
    expect(nextRelationLabel('', null, 'fi')).toBeUndefined()
  })

  it('never replace what a person wrote on the arrow', () => {
    expect(nextRelationLabel('rahoittaa 2025', relation('supports'), 'fi')).toBeUndefined()
    expect(nextRelationLabel('rahoittaa 2025', null, 'fi')).toBeUndefined()
  })
})
