import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))
const serverPort = Number(process.env.PORT ?? 3000)

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
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
