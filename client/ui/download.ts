/** Saving a file the app made (an export) through the browser's own download. */

/** A file name safe on every system: "tilannekuva-kainuun-tyopaja-2025-06-03.csv". */
export function exportFileName(title: string, extension: string, date = new Date()): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  const day = date.toISOString().slice(0, 10)
  return `tilannekuva-${slug ? `${slug}-` : ''}${day}.${extension}`
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
