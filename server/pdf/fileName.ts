/** The memo's file name, safe in a Content-Disposition header whatever the board's title. */

function day(date: Date): string {
  // The date as it is in Finland, where the workshop was: an evening export keeps its own day.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(date)
}

/** "tilannekuva-lapin-tyopaja-2026-06-03.pdf": ASCII only, for clients that ignore filename*. */
export function asciiMemoFileName(title: string, date: Date): string {
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
  return `tilannekuva-${slug ? `${slug}-` : ''}${day(date)}.pdf`
}

/**
 * `attachment` with an ASCII `filename` and the title itself as RFC 5987 `filename*`
 * (UTF-8, percent-encoded), so "Sámi – Åbo" survives in browsers that read it.
 */
export function memoContentDisposition(title: string, date: Date): string {
  // Control characters and path separators cannot stand in a download's file name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  const full = `${title.replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, ' ').trim() || 'tilannekuva'} ${day(date)}.pdf`
  const encoded = encodeURIComponent(full).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${asciiMemoFileName(title, date)}"; filename*=UTF-8''${encoded}`
}
