import { useId } from 'react'
import { type Editor, type TLUserId, useValue } from 'tldraw'
import type { Role } from '../../shared/api.js'
import {
  type Person,
  type PeopleResponse,
  STAKEHOLDER_GROUPS,
  stakeholderGroupLabel,
} from '../../shared/facilitation.js'
import { userIdsByParticipant } from '../facilitation/presenceOfParticipants.js'
import { usePeople } from '../facilitation/usePeople.js'
import { type MessageKey, useLanguage, useT } from '../i18n/index.js'
import { useBoardContext } from './BoardContext.js'
import { Panel } from './Panel.js'

const ROLE_LABELS: Record<Role, MessageKey> = {
  facilitator: 'role.facilitator',
  edit: 'role.edit',
  view: 'role.view',
}

/**
 * Who is on the board now, as the server counts them (tabs of one person are one row): name,
 * stakeholder group, role and whether they are active, with the number present per group. Each
 * other person can be followed. tldraw's own avatars drop people idle for a minute; this list
 * keeps them, marked idle.
 */
export function PeoplePanel({ editor, onClose }: { editor: Editor | null; onClose: () => void }) {
  const t = useT()
  const language = useLanguage()
  const ids = useId()
  const { board, token, identity, connection } = useBoardContext()
  const state = usePeople(board.id, token, identity?.secret ?? null)
  const people = state.status === 'ready' ? state.people : state.status === 'failed' ? state.last : null
  const followingUserId = useValue('following', () => editor?.getInstanceState().followingUserId ?? null, [editor])
  // Re-read at every poll (the list re-renders): people's tabs come and go.
  const userIds = userIdsByParticipant(connection.awareness)
  const me = identity?.participant.id ?? null
  const sorted = people ? sortPeople(people, me, language) : []

  return (
    <Panel
      className="tk-people"
      testId="people-panel"
      title={people ? t('people.titleCount', { count: people.people.length }) : t('people.title')}
      closeLabel={t('people.close')}
      onClose={onClose}
    >
      {state.status === 'loading' ? <p className="tk-muted">{t('people.loading')}</p> : null}
      {state.status === 'hidden' ? <p className="tk-muted">{t('people.hidden')}</p> : null}
      <div role="status" aria-live="polite">
        {state.status === 'failed' ? <p className="tk-error">{t('people.failed')}</p> : null}
      </div>
      {people ? (
        <>
          <h3 className="tk-visually-hidden" id={`${ids}-groups`}>
            {t('people.countsTitle')}
          </h3>
          <ul className="tk-people-counts" aria-labelledby={`${ids}-groups`} data-testid="people-counts">
            {STAKEHOLDER_GROUPS.filter((group) => (people.counts[group] ?? 0) > 0).map((group) => (
              <li key={group} data-group={group}>
                {stakeholderGroupLabel(group, language)} <strong>{people.counts[group]}</strong>
              </li>
            ))}
          </ul>
          <ul className="tk-row-list" aria-label={t('people.listLabel')} data-testid="people-list">
            {sorted.map((person, index) => {
              const isMe = me !== null && person.participantId === me
              const userId = person.participantId ? (userIds.get(person.participantId) ?? null) : null
              const name = person.name || t('people.unnamed')
              return (
                <li
                  key={person.participantId ?? `unregistered-${index}`}
                  className="tk-person"
                  data-status={person.status}
                  data-testid="person"
                >
                  <div className="tk-person-text">
                    <span className="tk-person-name">
                      {name}
                      {isMe ? <span className="tk-muted"> ({t('people.you')})</span> : null}
                    </span>
                    <span className="tk-person-meta">
                      <span data-testid="person-group">{stakeholderGroupLabel(person.group, language)}</span>
                      {' · '}
                      {t(ROLE_LABELS[person.role])}
                      {' · '}
                      <span className={`tk-person-status tk-person-${person.status}`}>
                        <span className="tk-dot" aria-hidden="true" />
                        {t(person.status === 'active' ? 'people.active' : 'people.idle')}
                      </span>
                    </span>
                  </div>
                  {isMe || !editor ? null : (
                    <FollowButton editor={editor} userId={userId} name={name} following={followingUserId === userId} />
                  )}
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
    </Panel>
  )
}

function FollowButton(props: { editor: Editor; userId: TLUserId | null; name: string; following: boolean }) {
  const t = useT()
  const { editor, userId, name, following } = props
  if (following) {
    return (
      <button
        type="button"
        className="tk-button"
        aria-label={t('people.stopFollowingPerson', { name })}
        onClick={() => editor.stopFollowingUser()}
      >
        {t('people.stopFollowing')}
      </button>
    )
  }
  return (
    <button
      type="button"
      className="tk-button tk-button-secondary"
      // Without a presence (not on the canvas yet) there is no view to follow.
      disabled={userId === null}
      aria-label={t('people.followPerson', { name })}
      onClick={() => {
        if (userId) editor.startFollowingUser(userId)
      }}
    >
      {t('people.follow')}
    </button>
  )
}

/** Yourself first, then facilitators, then everyone else by name. */
function sortPeople(people: PeopleResponse, me: string | null, language: string): Person[] {
  const rank = (person: Person) =>
    person.participantId === me && me !== null ? 0 : person.role === 'facilitator' ? 1 : 2
  return [...people.people].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, language, { sensitivity: 'base' }),
  )
}
