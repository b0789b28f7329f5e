/** The memo's own words in the board's language; category, field and relation labels come from shared/. */
import { formatDate, type Language } from '../../shared/language.js'

export interface MemoStrings {
  memo: string
  template: string
  exported: string
  takenAt: string
  participants: string
  stakeholderGroups: string
  notesByCategory: string
  total: string
  overview: string
  overviewPart: (part: number, parts: number) => string
  overviewHint: string
  report: string
  noNotes: string
  votes: (count: number) => string
  author: string
  relations: string
  actorsBySector: string
  noSector: string
  actionPlan: string
  actionGoal: string
  actionMeasure: string
  actionOwner: string
  actionTimeframe: string
  noActions: string
  unsorted: string
  unsortedHint: string
  page: (page: number, pages: number) => string
  shortened: string
}

export const MEMO_STRINGS: Record<Language, MemoStrings> = {
  fi: {
    memo: 'Työpajan muistio',
    template: 'Pohja',
    exported: 'Viety',
    takenAt: 'Tilanne',
    participants: 'Osallistujia',
    stakeholderGroups: 'Sidosryhmiä',
    notesByCategory: 'Muistiinpanot luokittain',
    total: 'Yhteensä',
    overview: 'Taulu kokonaisuutena',
    overviewPart: (part, parts) => `Taulu, osa ${part}/${parts}`,
    overviewHint: 'Lyhennetyt laput (…) ovat kokonaisuudessaan raportissa.',
    report: 'Raportti',
    noNotes: 'Ei muistiinpanoja.',
    votes: (count) => (count === 1 ? '1 ääni' : `${count} ääntä`),
    author: 'Kirjoittaja',
    relations: 'Yhteydet',
    actorsBySector: 'Toimijat sektoreittain',
    noSector: 'Sektori puuttuu',
    actionPlan: 'Toimenpidesuunnitelma',
    actionGoal: 'Tavoite / tarve',
    actionMeasure: 'Toimenpide',
    actionOwner: 'Vastuutoimija',
    actionTimeframe: 'Aikataulu',
    noActions: 'Toimenpiteitä ei ole kirjattu.',
    unsorted: 'Lajittelematta',
    unsortedHint:
      'Laput ja tekstit, joita kukaan ei ole lajitellut mihinkään luokkaan, sekä laput minkään alueen ulkopuolella.',
    page: (page, pages) => `Sivu ${page}/${pages}`,
    shortened: '…',
  },
  sv: {
    memo: 'Minnesanteckningar från workshoppen',
    template: 'Mall',
    exported: 'Exporterad',
    takenAt: 'Läge',
    participants: 'Deltagare',
    stakeholderGroups: 'Intressentgrupper',
    notesByCategory: 'Anteckningar per kategori',
    total: 'Totalt',
    overview: 'Tavlan i sin helhet',
    overviewPart: (part, parts) => `Tavlan, del ${part}/${parts}`,
    overviewHint: 'Förkortade lappar (…) finns i sin helhet i rapporten.',
    report: 'Rapport',
    noNotes: 'Inga anteckningar.',
    votes: (count) => (count === 1 ? '1 röst' : `${count} röster`),
    author: 'Skribent',
    relations: 'Samband',
    actorsBySector: 'Aktörer per sektor',
    noSector: 'Sektor saknas',
    actionPlan: 'Åtgärdsplan',
    actionGoal: 'Mål / behov',
    actionMeasure: 'Åtgärd',
    actionOwner: 'Ansvarig aktör',
    actionTimeframe: 'Tidtabell',
    noActions: 'Inga åtgärder har antecknats.',
    unsorted: 'Osorterat',
    unsortedHint: 'Lappar och texter som ingen har sorterat i någon kategori, och lappar utanför alla områden.',
    page: (page, pages) => `Sida ${page}/${pages}`,
    shortened: '…',
  },
  en: {
    memo: 'Workshop memo',
    template: 'Template',
    exported: 'Exported',
    takenAt: 'As of',
    participants: 'Participants',
    stakeholderGroups: 'Stakeholder groups',
    notesByCategory: 'Notes by category',
    total: 'Total',
    overview: 'The board as a whole',
    overviewPart: (part, parts) => `The board, part ${part}/${parts}`,
    overviewHint: 'Shortened notes (…) appear in full in the report.',
    report: 'Report',
    noNotes: 'No notes.',
    votes: (count) => (count === 1 ? '1 vote' : `${count} votes`),
    author: 'Author',
    relations: 'Relations',
    actorsBySector: 'Actors by sector',
    noSector: 'No sector given',
    actionPlan: 'Action plan',
    actionGoal: 'Goal / need',
    actionMeasure: 'Measure',
    actionOwner: 'Responsible actor',
    actionTimeframe: 'Timeframe',
    noActions: 'No actions have been recorded.',
    unsorted: 'Unsorted',
    unsortedHint: 'Notes and texts nobody has sorted into a category, and notes outside every zone.',
    page: (page, pages) => `Page ${page} of ${pages}`,
    shortened: '…',
  },
}

/** A date (and time) as people in that language write it, in Finnish time. */
export function formatMemoDate(date: Date, language: Language, withTime = false): string {
  return formatDate(date, language, withTime ? 'helsinkiDateAndTime' : 'helsinkiDate')
}
