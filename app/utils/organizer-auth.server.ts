import { type AppLoadContext, createCookie, type HeadersFunction, redirect } from '@remix-run/node'
import type { OrganizerRole } from '../../db/schema'
import { config } from '../config.server'
import { createSession, endSession, SESSION_DAYS, getCampaignRole, getSessionOrganizer, roleAtLeast } from '../models/organizers.server'

// Organizer sign-in: a signed cookie (HttpOnly, SameSite=Lax, Secure in production) carries a
// random session id that is checked against the database on every request, so signing out or
// changing the password ends the session everywhere. SESSION_SECRET may list several secrets:
// the first signs, all verify, so secrets can be rotated without signing everyone out.

export const sessionCookie = createCookie('__quorum_session', {
  httpOnly: true,
  sameSite: 'lax',
  secure: config.isProduction,
  path: '/',
  maxAge: SESSION_DAYS * 24 * 3600,
  secrets: config.sessionSecrets,
})

/** Organizer pages are personal: never cached anywhere. */
export const PRIVATE_NO_STORE = { 'Cache-Control': 'private, no-store' }

/** A page's headers: private, and a throttled action's Retry-After kept on the page that shows it. */
export const privatePageHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return { ...PRIVATE_NO_STORE, ...(retryAfter ? { 'Retry-After': retryAfter } : {}) }
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get('cookie'))
  return typeof value === 'string' ? value : null
}

export async function getOrganizer(request: Request, context: AppLoadContext) {
  const sessionId = await sessionIdFrom(request)
  if (!sessionId) return null
  return (await getSessionOrganizer(context.db, { sessionId })) ?? null
}

export async function requireOrganizer(request: Request, context: AppLoadContext) {
  const organizer = await getOrganizer(request, context)
  if (!organizer) {
    const url = new URL(request.url)
    throw redirect(`/organizer/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  return organizer
}

/**
 * The signed-in organizer's access to a campaign. No role at all is a 404 (an organizer of one
 * campaign learns nothing of another); a role below `needed` is a 403.
 */
export async function requireCampaignRole(request: Request, context: AppLoadContext, slug: string | undefined, needed: OrganizerRole) {
  const organizer = await requireOrganizer(request, context)
  const campaign = await getCampaignRole(context.db, { organizerId: organizer.id, slug: slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404, headers: PRIVATE_NO_STORE })
  if (!roleAtLeast(campaign.role, needed)) throw new Response(`This needs the ${needed} role on this campaign.`, { status: 403, headers: PRIVATE_NO_STORE })
  return { organizer, campaign, role: campaign.role }
}

export async function startSessionCookie(context: AppLoadContext, organizerId: number): Promise<string> {
  return sessionCookie.serialize(await createSession(context.db, { organizerId }))
}

export async function endSessionCookie(request: Request, context: AppLoadContext): Promise<string> {
  const sessionId = await sessionIdFrom(request)
  if (sessionId) await endSession(context.db, { sessionId })
  return sessionCookie.serialize('', { maxAge: 0 })
}
