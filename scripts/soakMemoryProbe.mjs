// Preloaded into the server by `npm run soak` (node --import): every SOAK_SAMPLE_MS it collects
// garbage (with --expose-gc) and writes its memory as one line on stderr, for the soak to read.
const every = Number(process.env.SOAK_SAMPLE_MS ?? 5000)
setInterval(() => {
  globalThis.gc?.()
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage()
  process.stderr.write(
    `SOAK_MEMORY ${JSON.stringify({ at: Date.now(), rss, heapUsed, heapTotal, external, arrayBuffers })}\n`,
  )
}, every).unref()
