import { z } from 'zod'

/** A campaign's slug as it appears in an address: lowercase letters, digits and hyphens. */
export const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'A slug is lowercase letters, digits and hyphens.')
