import { config } from '../config.server'
import { referrerSource } from '../schemas/pledge'
import { deriveToken } from './tokens.server'

// Sharing a campaign after pledging: plain links to each network's own share page (no script of
// theirs on ours), and a referral code per pledge so the campaign can count who brought whom.
// The code is derived from the pledge id with the server's secret: it names no one, and cannot
// be guessed or walked.

export const REFERRAL_PREFIX = 'ref-'

/** The pledge's referral code, as it travels in `?ref=` and is stored as a pledge's source. */
export function referralCode(pledgeId: string): string {
  return `${REFERRAL_PREFIX}${deriveToken(config.sessionSecrets[0]!, `referral:${pledgeId}`).slice(0, 12)}`
}

/**
 * Where a visitor came from, from the campaign address's query: `?ref=` (a pledger's referral
 * code), `?source=` (an organizer's own code) or `?utm_source=`. Anything that is not a source
 * code is dropped, never refused.
 */
export function sourceFromQuery(params: URLSearchParams): string | null {
  const ref = params.get('ref')
  if (ref) return referrerSource(ref.startsWith(REFERRAL_PREFIX) ? ref : `${REFERRAL_PREFIX}${ref}`) ?? null
  return referrerSource(params.get('source') ?? params.get('utm_source')) ?? null
}

export interface ShareLinks {
  url: string
  email: string
  mastodon: string
  bluesky: string
  linkedin: string
  x: string
  whatsapp: string
}

/** The campaign's address with the pledger's code, and a link to share it on each network. */
export function shareLinks(input: { slug: string; title: string; company: string; pledgeId: string }): ShareLinks {
  const url = `${config.appUrl}/c/${input.slug}?ref=${encodeURIComponent(referralCode(input.pledgeId))}`
  const text = `I have pledged my ${input.company} shares for “${input.title}”. If you hold ${input.company} shares, pledge yours:`
  const q = encodeURIComponent
  return {
    url,
    email: `mailto:?subject=${q(`${input.title} at ${input.company}`)}&body=${q(`${text} ${url}`)}`,
    mastodon: `https://mastodonshare.com/?text=${q(text)}&url=${q(url)}`,
    bluesky: `https://bsky.app/intent/compose?text=${q(`${text} ${url}`)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${q(url)}`,
    x: `https://x.com/intent/post?text=${q(text)}&url=${q(url)}`,
    whatsapp: `https://wa.me/?text=${q(`${text} ${url}`)}`,
  }
}
