import { asciiFileName, fullFileName } from '../../shared/fileNames.js'

/**
 * `attachment` with an ASCII `filename` and the title itself as RFC 5987 `filename*`
 * (UTF-8, percent-encoded), so "Sámi – Åbo" survives in browsers that read it.
 */
export function attachmentDisposition(title: string, date: Date, extension: string): string {
  const encoded = encodeURIComponent(fullFileName(title, date, extension)).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${asciiFileName(title, date, extension)}"; filename*=UTF-8''${encoded}`
}
