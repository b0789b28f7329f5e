/**
 * Facilitation: how a facilitator leads the room, and where each piece of its state lives. Every
 * rule a modified client could break is a server rule.
 *
 *   doc.getMap('facilitation')   Written only by the server, on a facilitator's REST command;
 *                                a client's write to it is reverted and logged (see
 *                                server/rooms/updateRules.ts). Keys (FacilitationState):
 *     'frozen'          participants (edit links) are read-only; the server reverts their changes
 *     'anonymous'       notes created meanwhile carry no author (the server strips it)
 *     'timer'           TimerState, in the server's clock (epoch ms)
 *     'follow'          FollowState: bring everyone to the facilitator's view, or keep them there
 *     'peopleVisible'   whether participants may see the People panel
 *
 *   Participant identities   REST, stored by the server (not in the document): a device registers
 *                            once per board (POST …/participants) and keeps the secret it gets;
 *                            the websocket's `participant` query parameter binds a connection to
 *                            it, and its awareness state must carry that identity and its group.
 *   People                   GET …/people, computed by the server from its connections: who is
 *                            here, their group, role and activity. Facilitators always; others
 *                            only while 'peopleVisible'.
 *   Links                    GET …/links and POST …/links/rotate (facilitator): the edit and view
 *                            links are kept sealed with a key derived from the facilitator token,
 *                            so any facilitator device can show them; rotating one closes every
 *                            connection opened with the old token (close code linkRevoked).
 *   Join code                GET /j/:code redirects to the participant (edit) link: the short
 *                            readable link under the presenter view's QR code. It is rotated with
 *                            the edit link.
 *   Server time              GET /api/time: clients measure their offset once and show the timer
 *                            in the server's clock.
 *
 * Template zones and titles (shapes with isLocked set by the template) are locked for
 * participants: the server reverts their changes to those records. Facilitators may change them.
 */
import { z } from 'zod'
import { ACTOR_SECTORS } from './categories.js'
import type { Language, Localized } from './language.js'

export const FACILITATION_MAP_NAME = 'facilitation'
/** The facilitation map's key of the workshop timer (TimerState). */
export const TIMER_KEY = 'timer'

/** Stakeholder groups are the actor sectors of the model, plus "prefer not to say". */
export const UNDISCLOSED_GROUP = 'undisclosed'
export const STAKEHOLDER_GROUPS = [
  ...ACTOR_SECTORS.map((sector) => sector.value),
  UNDISCLOSED_GROUP,
] as readonly string[]
export const StakeholderGroup = z.enum(STAKEHOLDER_GROUPS as [string, ...string[]])

const UNDISCLOSED_LABELS: Localized = { fi: 'En halua kertoa', sv: 'Vill inte uppge', en: 'Prefer not to say' }

/** A stakeholder group's name in `language`: the actor sector's own name, or "prefer not to say". */
export function stakeholderGroupLabel(group: string, language: Language): string {
  if (group === UNDISCLOSED_GROUP) return UNDISCLOSED_LABELS[language]
  return ACTOR_SECTORS.find((sector) => sector.value === group)?.labels[language] ?? group
}
export type StakeholderGroup = z.infer<typeof StakeholderGroup>

export const PARTICIPANT_NAME_MAX_LENGTH = 100
export const ParticipantId = z.string().regex(/^p_[A-Za-z0-9_-]{16,40}$/)
export type ParticipantId = z.infer<typeof ParticipantId>

export const Participant = z.object({
  id: ParticipantId,
  name: z.string(),
  group: StakeholderGroup,
})
export type Participant = z.infer<typeof Participant>

export const RegisterParticipantRequest = z.strictObject({
  name: z.string().trim().min(1).max(PARTICIPANT_NAME_MAX_LENGTH),
  group: StakeholderGroup,
})
export type RegisterParticipantRequest = z.infer<typeof RegisterParticipantRequest>

export const RegisterParticipantResponse = z.object({
  participant: Participant,
  /** Kept on the device; sent as the `X-Participant` header and the websocket's `participant` parameter. */
  secret: z.string(),
})
export type RegisterParticipantResponse = z.infer<typeof RegisterParticipantResponse>

/** PATCH …/participants/me (with X-Participant): a new name or group. */
export const UpdateParticipantRequest = z.strictObject({
  name: z.string().trim().min(1).max(PARTICIPANT_NAME_MAX_LENGTH).optional(),
  group: StakeholderGroup.optional(),
})
export type UpdateParticipantRequest = z.infer<typeof UpdateParticipantRequest>
/** The answer to PATCH …/participants/me: the identity as stored now. */
export const UpdateParticipantResponse = z.object({ participant: Participant })
export type UpdateParticipantResponse = z.infer<typeof UpdateParticipantResponse>

/** The header carrying a participant secret on REST requests. */
export const PARTICIPANT_HEADER = 'x-participant'
/** Request headers of routes that act for a participant identity. */
export const ParticipantHeaders = z.object({
  [PARTICIPANT_HEADER]: z.string().optional().meta({ description: 'The secret POST …/participants gave this device' }),
})
/** The awareness field a client puts its identity in; the server checks it against the connection's. */
export const PARTICIPANT_AWARENESS_FIELD = 'participant'
export const AwarenessParticipant = z.object({ id: ParticipantId, group: StakeholderGroup })
export type AwarenessParticipant = z.infer<typeof AwarenessParticipant>

/** A countdown in the server's clock: clients add their measured offset to Date.now(). */
export const TimerState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('running'), endsAt: z.number(), durationMs: z.number() }),
  z.object({ status: z.literal('paused'), remainingMs: z.number(), durationMs: z.number() }),
])
export type TimerState = z.infer<typeof TimerState>

export const FollowState = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  /**
   * 'once': go to the facilitator's view now; 'follow': keep following it until released (a
   * participant may step out and back). `userId` is the facilitator's tldraw user id (as in
   * their presence); `issuedAt` tells a repeated 'once' from the last one.
   */
  z.object({
    mode: z.enum(['once', 'follow']),
    userId: z.string().max(200),
    name: z.string().max(PARTICIPANT_NAME_MAX_LENGTH),
    issuedAt: z.number(),
  }),
])
export type FollowState = z.infer<typeof FollowState>

export const FacilitationState = z.object({
  frozen: z.boolean(),
  anonymous: z.boolean(),
  timer: TimerState,
  follow: FollowState,
  peopleVisible: z.boolean(),
})
export type FacilitationState = z.infer<typeof FacilitationState>

export const DEFAULT_FACILITATION: FacilitationState = {
  frozen: false,
  anonymous: false,
  timer: { status: 'idle' },
  follow: { mode: 'none' },
  peopleVisible: false,
}

/** The longest countdown a facilitator may set, and the most time one "add" may add. */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000

export const FacilitationCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('freeze'), frozen: z.boolean() }),
  z.strictObject({ type: z.literal('anonymous'), on: z.boolean() }),
  z.strictObject({ type: z.literal('peopleVisible'), visible: z.boolean() }),
  z.strictObject({ type: z.literal('timerStart'), durationMs: z.number().int().min(1000).max(TIMER_MAX_MS) }),
  z.strictObject({ type: z.literal('timerPause') }),
  z.strictObject({ type: z.literal('timerResume') }),
  z.strictObject({ type: z.literal('timerAdd'), ms: z.number().int().min(-TIMER_MAX_MS).max(TIMER_MAX_MS) }),
  z.strictObject({ type: z.literal('timerReset') }),
  z.strictObject({
    type: z.literal('follow'),
    mode: z.enum(['once', 'follow']),
    userId: z.string().min(1).max(200),
    name: z.string().max(PARTICIPANT_NAME_MAX_LENGTH),
  }),
  z.strictObject({ type: z.literal('followRelease') }),
])
export type FacilitationCommand = z.infer<typeof FacilitationCommand>

/** The answer to a command: the whole state after it, and the server's clock when it was made. */
export const FacilitationResponse = z.object({ state: FacilitationState, serverNow: z.number() })
export type FacilitationResponse = z.infer<typeof FacilitationResponse>

/** Reads the facilitation map of a document tolerantly: a missing or malformed key is its default. */
export function readFacilitation(map: { get(key: string): unknown }): FacilitationState {
  const read = <K extends keyof FacilitationState>(key: K): FacilitationState[K] => {
    const parsed = FacilitationState.shape[key].safeParse(map.get(key))
    return (parsed.success ? parsed.data : DEFAULT_FACILITATION[key]) as FacilitationState[K]
  }
  return {
    frozen: read('frozen'),
    anonymous: read('anonymous'),
    timer: read('timer'),
    follow: read('follow'),
    peopleVisible: read('peopleVisible'),
  }
}

/** Milliseconds left on a timer at server time `now` (0 when idle or run out). */
export function timerRemainingMs(timer: TimerState, now: number): number {
  switch (timer.status) {
    case 'idle':
      return 0
    case 'running':
      return Math.max(0, timer.endsAt - now)
    case 'paused':
      return timer.remainingMs
  }
}

/** An idle person has not moved, typed or edited for this long (they stay listed). */
export const IDLE_AFTER_MS = 60_000

export const Person = z.object({
  /** Null for a connection without a registered identity (e.g. an old client or a tool). */
  participantId: ParticipantId.nullable(),
  name: z.string(),
  group: StakeholderGroup,
  role: z.enum(['facilitator', 'edit', 'view']),
  status: z.enum(['active', 'idle']),
  /** How many tabs and devices of this person are connected. */
  connections: z.number().int(),
})
export type Person = z.infer<typeof Person>

export const PeopleResponse = z.object({
  people: z.array(Person),
  /** People present per stakeholder group, every group listed (zeros too). */
  counts: z.record(z.string(), z.number().int()),
  serverNow: z.number(),
})
export type PeopleResponse = z.infer<typeof PeopleResponse>

/** The page a browser lands on when its join code works no more (rotated or mistyped). */
export const JOIN_INVALID_PATH = '/join-invalid'

export const JOIN_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/

export const BoardLinksResponse = z.object({
  /**
   * Null for a board made before links were kept sealed: rotate a link to get both shown.
   * `join` is the short readable participant link (/j/XXXX-XXXX-XXXX).
   */
  links: z
    .object({
      edit: z.string(),
      view: z.string(),
      join: z.string(),
      joinCode: z.string(),
    })
    .nullable(),
})
export type BoardLinksResponse = z.infer<typeof BoardLinksResponse>

export const RotateLinkRequest = z.strictObject({ role: z.enum(['edit', 'view']) })
export type RotateLinkRequest = z.infer<typeof RotateLinkRequest>

export const TimeResponse = z.object({ now: z.number() })
