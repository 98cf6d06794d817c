import { render } from '@react-email/components'
import type { ReactElement } from 'react'
import type { Db } from '../../db/schema'
import { config } from '../config.server'
import { createOutboxTransport } from '../mail/outbox.server'
import { createResendTransport } from '../mail/resend.server'
import type { MailTransport, OutgoingEmail, SendResult } from '../mail/transport'
import { maskLinkTokens } from '../utils/mask-link-tokens'
import { singleLine } from '../utils/single-line'

let resendTransport: MailTransport | undefined

/** Resend when RESEND_API_KEY is set; otherwise the outbox table of the development transport. */
export function defaultTransport(db: Db): MailTransport {
  if (config.resend) return (resendTransport ??= createResendTransport({ ...config.resend, timeoutMs: config.mailRequestTimeoutMs }))
  return createOutboxTransport(db, { log: config.env === 'development' })
}

export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { html, text }
}

/** "Customer Due Diligence campaign" <no-reply@…>: the campaign's name, Quorum's address. */
export function senderFor(campaign: { sender_name: string }): string {
  return `"${singleLine(campaign.sender_name).replace(/["\\]/g, '')}" <${config.mailFrom}>`
}

/** A List-Id header (RFC 2919): the campaign's title as its phrase, on one line. */
export function listIdFor(campaign: { title: string; slug: string }): string {
  return `"${singleLine(campaign.title).replace(/["\\]/g, '')}" <${campaign.slug}.updates.${new URL(config.appUrl).hostname}>`
}

/** RFC 8058 one-click unsubscribe headers. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

export async function sendEmail(db: Db, email: OutgoingEmail, transport = defaultTransport(db)): Promise<SendResult> {
  return transport.send(email)
}

/**
 * The outbox transport's messages for the campaigns this organizer owns, newest first, with
 * the tokens of their links hidden (a message's links act for its recipient).
 */
export async function listOutbox(db: Db, input: { organizerId: number; limit: number }) {
  const rows = await db
    .selectFrom('outbox_messages')
    .innerJoin('campaign_organizers', 'campaign_organizers.campaign_id', 'outbox_messages.campaign_id')
    .innerJoin('campaigns', 'campaigns.id', 'outbox_messages.campaign_id')
    .where('campaign_organizers.organizer_id', '=', input.organizerId)
    .where('campaign_organizers.role', '=', 'owner')
    .select(['outbox_messages.id', 'outbox_messages.to_email', 'outbox_messages.subject', 'outbox_messages.text', 'outbox_messages.created_at', 'campaigns.title as campaign_title'])
    .orderBy('outbox_messages.id', 'desc')
    .limit(input.limit)
    .execute()
  return rows.map((row) => ({ ...row, subject: maskLinkTokens(row.subject), text: maskLinkTokens(row.text) }))
}
