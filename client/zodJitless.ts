import { z } from 'zod'

// The CSP allows no eval: zod would otherwise probe `new Function` and report a violation.
z.config({ jitless: true })
