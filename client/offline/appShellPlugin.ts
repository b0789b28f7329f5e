/**
 * Vite plugin (build only): writes the service worker (serviceWorker.ts) to /sw.js with the list
 * of assets to keep on the device. Every content-hashed asset goes in except tldraw's
 * translations into languages the app does not offer; the cache is named by a hash of the list,
 * so each build that changes an asset replaces the device's copy whole.
 */
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Plugin } from 'vite'

const SOURCE = fileURLToPath(new URL('./serviceWorker.ts', import.meta.url))
/** tldraw's translation files by their import name; ours are fi, sv and English ('main'). */
const TLDRAW_TRANSLATION = /^assets\/([a-z]{2,3}(-[a-z]{2})?|main)-[\w-]{8}\.json$/
const KEPT_TRANSLATIONS = new Set(['fi', 'sv', 'main', 'en'])

export function keptAssets(fileNames: Iterable<string>): string[] {
  return [...fileNames]
    .filter((name) => name.startsWith('assets/') && !name.endsWith('.map'))
    .filter((name) => {
      const translation = TLDRAW_TRANSLATION.exec(name)
      return !translation || KEPT_TRANSLATIONS.has(translation[1]!)
    })
    .sort()
}

export function appShellServiceWorker(): Plugin {
  return {
    name: 'tilannekuva-app-shell',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const urls = keptAssets(Object.keys(bundle)).map((name) => `/${name}`)
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16)
      const built = await build({
        entryPoints: [SOURCE],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2020',
        minify: true,
        logLevel: 'warning',
        define: { PRECACHE_URLS: JSON.stringify(urls), CACHE_VERSION: JSON.stringify(version) },
      })
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: built.outputFiles[0]!.text })
    },
  }
}
