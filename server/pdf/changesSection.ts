/**
 * The memo's optional "changes since" section (?changesSince=<versionId>): what changed since a
 * version, by category (shared/changes.ts), on portrait pages after the title page.
 */
import { type BoardChanges, noChanges } from '../../shared/changes.js'
import { getCategory } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { FONT_BOLD, FONT_REGULAR, INK, MUTED } from './drawing.js'
import type { MemoInput } from './memoContent.js'
import { formatMemoDate } from './memoStrings.js'
import { addPortraitPage, contentWidth, heading } from './report.js'

/** The version the changes are counted from. */
export interface MemoChanges {
  since: { name: string | null; createdAt: string }
  changes: BoardChanges
}

const STRINGS: Record<
  Language,
  {
    title: (since: string) => string
    added: string
    removed: string
    edited: string
    movedIn: string
    movedOut: string
    relations: (added: number, removed: number) => string
    votes: (count: number) => string
    none: string
    from: (category: string) => string
    to: (category: string) => string
  }
> = {
  fi: {
    title: (since) => `Muutokset ${since} jälkeen`,
    added: 'Lisätty',
    removed: 'Poistettu',
    edited: 'Muokattu',
    movedIn: 'Siirretty tähän',
    movedOut: 'Siirretty pois',
    relations: (added, removed) => `Yhteyksiä lisätty ${added}, poistettu ${removed}.`,
    votes: (count) => `Äänimäärä muuttui ${count} lapussa.`,
    none: 'Ei muutoksia.',
    from: (category) => `luokasta ${category}`,
    to: (category) => `luokkaan ${category}`,
  },
  sv: {
    title: (since) => `Ändringar sedan ${since}`,
    added: 'Tillagt',
    removed: 'Borttaget',
    edited: 'Ändrat',
    movedIn: 'Flyttat hit',
    movedOut: 'Flyttat bort',
    relations: (added, removed) => `Samband tillagda ${added}, borttagna ${removed}.`,
    votes: (count) => `Röstetalet ändrades på ${count} lappar.`,
    none: 'Inga ändringar.',
    from: (category) => `från ${category}`,
    to: (category) => `till ${category}`,
  },
  en: {
    title: (since) => `Changes since ${since}`,
    added: 'Added',
    removed: 'Removed',
    edited: 'Edited',
    movedIn: 'Moved here',
    movedOut: 'Moved away',
    relations: (added, removed) => `Relations added ${added}, removed ${removed}.`,
    votes: (count) => `The votes changed on ${count} notes.`,
    none: 'No changes.',
    from: (category) => `from ${category}`,
    to: (category) => `to ${category}`,
  },
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim() || '–'

/** Draws the section; nothing when the memo was not asked for changes. */
export function drawChangesSection(doc: PDFKit.PDFDocument, input: MemoInput): void {
  if (!input.changes) return
  const language = input.snapshot.board.language
  const strings = STRINGS[language]
  const { since, changes } = input.changes
  const sinceLabel = since.name
    ? `“${since.name}” (${formatMemoDate(new Date(since.createdAt), language, true)})`
    : formatMemoDate(new Date(since.createdAt), language, true)
  addPortraitPage(doc, input)
  heading(doc, input, strings.title(sinceLabel), 20)
  const width = contentWidth(doc)
  const line = (font: string, size: number, color: string, text: string) =>
    doc.font(font).fontSize(size).fillColor(color).text(text, doc.page.margins.left, doc.y, { width })
  if (noChanges(changes)) {
    line(FONT_REGULAR, 10, MUTED, strings.none)
    return
  }
  const added = new Map(changes.added.map((note) => [note.id, note]))
  const removed = new Map(changes.removed.map((note) => [note.id, note]))
  const edited = new Map(changes.edited.map((note) => [note.id, note]))
  const moved = new Map(changes.moved.map((note) => [note.id, note]))
  const categoryName = (id: Parameters<typeof getCategory>[0]) => getCategory(id).labels[language]
  for (const group of changes.byCategory) {
    heading(doc, input, getCategory(group.category).pluralLabels[language], 13, false)
    const list = (label: string, items: string[]) => {
      if (items.length === 0) return
      line(FONT_BOLD, 9.5, INK, `${label} (${items.length})`)
      for (const item of items) line(FONT_REGULAR, 9.5, INK, `• ${item}`)
      doc.moveDown(0.3)
    }
    list(
      strings.added,
      group.added.map((id) => oneLine(added.get(id)?.text ?? id)),
    )
    list(
      strings.removed,
      group.removed.map((id) => oneLine(removed.get(id)?.text ?? id)),
    )
    list(
      strings.edited,
      group.edited.map((id) => {
        const note = edited.get(id)
        if (!note) return id
        const fields = note.changedFields.map(
          (key) => `${key}: ${note.before.fields[key] ?? '–'} → ${note.after.fields[key] ?? '–'}`,
        )
        const text = note.textChanged
          ? `${oneLine(note.before.text)} → ${oneLine(note.after.text)}`
          : oneLine(note.after.text)
        return [text, ...fields].join('; ')
      }),
    )
    list(
      strings.movedIn,
      group.movedIn.map((id) => {
        const note = moved.get(id)
        return note ? `${oneLine(note.text)} (${strings.from(categoryName(note.from))})` : id
      }),
    )
    list(
      strings.movedOut,
      group.movedOut.map((id) => {
        const note = moved.get(id)
        return note ? `${oneLine(note.text)} (${strings.to(categoryName(note.to))})` : id
      }),
    )
  }
  doc.moveDown(0.5)
  if (changes.relationsAdded.length + changes.relationsRemoved.length > 0) {
    line(FONT_REGULAR, 9.5, MUTED, strings.relations(changes.relationsAdded.length, changes.relationsRemoved.length))
  }
  const votedNotes = new Set(changes.votesChanged.map((change) => change.noteId))
  if (votedNotes.size > 0) line(FONT_REGULAR, 9.5, MUTED, strings.votes(votedNotes.size))
}
