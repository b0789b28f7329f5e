/** Saving a file the app made (an export) through the browser's own download. */
import { asciiFileName } from '../../shared/fileNames.js'

/** A file name safe on every system: "tilannekuva-kainuun-tyopaja-2025-06-03.csv". */
export function exportFileName(title: string, extension: string, date = new Date()): string {
  return asciiFileName(title, date, extension)
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; keep the URL a while for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
