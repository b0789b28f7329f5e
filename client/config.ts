import { z } from 'zod'

/** Runtime configuration the server injects into index.html (server/routes/client.ts). */
const ClientConfig = z.object({ tldrawLicenseKey: z.string().min(1).optional() })
export type ClientConfig = z.infer<typeof ClientConfig>

const CONFIG_META_NAME = 'tilannekuva-config'

/** Reads the config meta tag; a missing or malformed tag means defaults (e.g. `vite` dev server). */
export function readClientConfig(doc: Document = document): ClientConfig {
  const content = doc.querySelector(`meta[name="${CONFIG_META_NAME}"]`)?.getAttribute('content')
  if (!content) return {}
  try {
    const parsed = ClientConfig.safeParse(JSON.parse(content))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}
