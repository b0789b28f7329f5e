import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { appShellServiceWorker } from './client/offline/appShellPlugin.js'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))
const serverPort = Number(process.env.PORT ?? 3000)

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // The service worker (/sw.js) keeps the built app on the device for offline use.
  plugins: [react(), appShellServiceWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  // Its `?url` asset imports must go through Vite's asset handling, not the dependency optimizer.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    // `npm run dev`: the API and the websocket come from the server started beside Vite.
    // Anchored patterns: client modules such as /api.ts and /sync/*.ts share these prefixes.
    proxy: {
      '^/api/': `http://127.0.0.1:${serverPort}`,
      // The short join link (/j/XXXX-XXXX-XXXX) is the server's redirect, not a client page.
      '^/j/[^/]+$': `http://127.0.0.1:${serverPort}`,
      '^/sync/[A-Za-z0-9_-]{16}(\\?|$)': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: repoRoot,
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
})
