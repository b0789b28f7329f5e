import { describe, expect, test } from 'vitest'
import { changedNoteIds, computeChanges, noChanges } from '../../shared/changes.js'
import type { CategoryId } from '../../shared/categories.js'
import type { BoardSnapshot, SnapshotNote, SnapshotRelation } from '../../shared/snapshot.js'
import type { Round } from '../../shared/voting.js'

function note(
  id: string,
  category: CategoryId,
  text: string,
  fields: Record<string, string> = {},
  x = 0,
): SnapshotNote {
  return {
    id: `shape:${id}`,
    category,
    text,
    fields,
    author: 'Aino',
    createdAt: '2026-06-03T09:00:00.000Z',
    updatedAt: '2026-06-03T09:00:00.000Z',
    zone: null,
    position: { x, y: 0 },
    size: { w: 200, h: 100 },
  }
}

function relation(
  id: string,
  from: string,
  to: string,
  kind: SnapshotRelation['kind'] = 'addresses',
): SnapshotRelation {
  return { id: `shape:${id}`, kind, kindChosen: true, from: `shape:${from}`, to: `shape:${to}` }
}

function round(id: string, totals: Record<string, number> | null): Round {
  return {
    id,
    title: '',
    scope: { kind: 'board' },
    votesPerParticipant: 5,
    maxVotesPerNote: 3,
    hiddenUntilReveal: totals === null,
    endsAt: null,
    status: 'closed',
    revealed: totals !== null,
    openedAt: 1,
    closedAt: 2,
    results:
      totals === null
        ? null
        : {
            notes: Object.entries(totals).map(([noteId, total]) => ({
              noteId: `shape:${noteId}`,
              total,
              byGroup: {},
              deleted: false,
              text: '',
            })),
            votersByGroup: {},
            voters: 1,
            votesCast: 1,
          },
  }
}

function snapshot(notes: SnapshotNote[], relations: SnapshotRelation[] = [], rounds: Round[] = []): BoardSnapshot {
  return {
    schemaVersion: 3,
    board: { id: 'changesboard0000', title: 'Muutokset', template: 'tilannekuva', language: 'fi' },
    takenAt: '2026-06-03T10:00:00.000Z',
    notes,
    relations,
    zones: [],
    counts: {} as BoardSnapshot['counts'],
    warnings: [],
    rounds,
  }
}

describe('computeChanges', () => {
  const before = snapshot(
    [
      note('keep', 'strength', 'Vahva yliopisto', {}, 0),
      note('edit', 'need', 'Osaajapula', { kind: 'competence' }),
      note('field', 'actor', 'Kunta', { name: 'Kärkölä', sector: 'public' }),
      note('move', 'weakness', 'Heikko liikenne'),
      note('moveEdit', 'threat', 'Muuttotappio'),
      note('gone', 'opportunity', 'Poistuva lappu'),
    ],
    [relation('r1', 'keep', 'edit'), relation('r2', 'field', 'edit'), relation('r3', 'move', 'edit', 'cooperates')],
    [round('r_round00001', { edit: 3, keep: 1 }), round('r_hidden0001', null)],
  )
  const after = snapshot(
    [
      // Moved on the canvas only: no change.
      note('keep', 'strength', 'Vahva yliopisto', {}, 500),
      note('edit', 'need', 'Osaajapula ICT-alalla', { kind: 'competence' }),
      note('field', 'actor', 'Kunta', { name: 'Kärkölä', businessId: '0201256-6' }),
      note('move', 'threat', 'Heikko liikenne'),
      note('moveEdit', 'need', 'Muuttotappio kasvaa'),
      note('new', 'action', 'Rekrytointikampanja', { owner: 'Liitto' }),
    ],
    // r1 unchanged, r2 gone, r3's kind changed, r4 new.
    [relation('r1', 'keep', 'edit'), relation('r3', 'move', 'edit', 'addresses'), relation('r4', 'new', 'edit')],
    [round('r_round00001', { edit: 4, new: 2 }), round('r_hidden0001', null), round('r_round00002', { keep: 1 })],
  )
  const changes = computeChanges(before, after)

  test('added and removed notes are exactly the new and the vanished ones', () => {
    expect(changes.added.map((n) => n.id)).toEqual(['shape:new'])
    expect(changes.added[0]!.fields).toEqual({ owner: 'Liitto' })
    expect(changes.removed.map((n) => n.id)).toEqual(['shape:gone'])
    expect(changes.removed[0]!.text).toBe('Poistuva lappu')
  })

  test('edited notes carry their old and new text and fields, and which changed', () => {
    expect(changes.edited).toEqual([
      {
        id: 'shape:edit',
        category: 'need',
        before: { text: 'Osaajapula', fields: { kind: 'competence' } },
        after: { text: 'Osaajapula ICT-alalla', fields: { kind: 'competence' } },
        changedFields: [],
        textChanged: true,
      },
      {
        id: 'shape:field',
        category: 'actor',
        before: { text: 'Kunta', fields: { name: 'Kärkölä', sector: 'public' } },
        after: { text: 'Kunta', fields: { name: 'Kärkölä', businessId: '0201256-6' } },
        changedFields: ['businessId', 'sector'],
        textChanged: false,
      },
      {
        id: 'shape:moveEdit',
        category: 'need',
        before: { text: 'Muuttotappio', fields: {} },
        after: { text: 'Muuttotappio kasvaa', fields: {} },
        changedFields: [],
        textChanged: true,
      },
    ])
  })

  test('moved notes name both categories; a position change alone is no change', () => {
    expect(changes.moved).toEqual([
      { id: 'shape:move', text: 'Heikko liikenne', from: 'weakness', to: 'threat' },
      { id: 'shape:moveEdit', text: 'Muuttotappio kasvaa', from: 'threat', to: 'need' },
    ])
    const ids = changedNoteIds(changes)
    expect([...ids.added, ...ids.edited, ...ids.moved]).not.toContain('shape:keep')
  })

  test('relations: removed and added, a changed kind counting as both', () => {
    expect(changes.relationsAdded.map((r) => [r.id, r.kind])).toEqual([
      ['shape:r3', 'addresses'],
      ['shape:r4', 'addresses'],
    ])
    expect(changes.relationsRemoved.map((r) => [r.id, r.kind])).toEqual([
      ['shape:r2', 'addresses'],
      ['shape:r3', 'cooperates'],
    ])
  })

  test('votes: per round and note, new rounds from zero, hidden rounds left out', () => {
    expect(changes.votesChanged).toEqual([
      { roundId: 'r_round00001', noteId: 'shape:edit', before: 3, after: 4 },
      { roundId: 'r_round00001', noteId: 'shape:keep', before: 1, after: 0 },
      { roundId: 'r_round00001', noteId: 'shape:new', before: 0, after: 2 },
      { roundId: 'r_round00002', noteId: 'shape:keep', before: 0, after: 1 },
    ])
  })

  test('grouped by category in the registry order, only categories that changed', () => {
    expect(changes.byCategory).toEqual([
      {
        category: 'need',
        added: [],
        removed: [],
        edited: ['shape:edit', 'shape:moveEdit'],
        movedIn: ['shape:moveEdit'],
        movedOut: [],
      },
      { category: 'actor', added: [], removed: [], edited: ['shape:field'], movedIn: [], movedOut: [] },
      { category: 'action', added: ['shape:new'], removed: [], edited: [], movedIn: [], movedOut: [] },
      { category: 'weakness', added: [], removed: [], edited: [], movedIn: [], movedOut: ['shape:move'] },
      { category: 'opportunity', added: [], removed: ['shape:gone'], edited: [], movedIn: [], movedOut: [] },
      { category: 'threat', added: [], removed: [], edited: [], movedIn: ['shape:move'], movedOut: ['shape:moveEdit'] },
    ])
  })

  test('a snapshot compared with itself has no changes', () => {
    expect(noChanges(computeChanges(before, before))).toBe(true)
    expect(noChanges(changes)).toBe(false)
  })
})
