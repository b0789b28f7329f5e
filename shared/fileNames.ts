/** Download file names (exports, the memo, the board file), the same from the server and the browser. */

function day(date: Date): string {
  // The date as it is in Finland, where the workshop was: an evening export keeps its own day.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(date)
}

/** "tilannekuva-lapin-tyopaja-2026-06-03.pdf": ASCII only, safe on every system. */
export function asciiFileName(title: string, date: Date, extension: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .replace(/ŧ/gi, 't')
    .replace(/ŋ/gi, 'n')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `tilannekuva-${slug ? `${slug}-` : ''}${day(date)}.${extension}`
}

/** The title as it is, for `filename*`: only what cannot stand in a file name goes. */
export function fullFileName(title: string, date: Date, extension: string): string {
  // Control characters and path separators cannot stand in a download's file name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return `${title.replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, ' ').trim() || 'tilannekuva'} ${day(date)}.${extension}`
}
