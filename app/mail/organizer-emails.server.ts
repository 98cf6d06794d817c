import { createElement } from 'react'
import type { Db, OrganizerRole } from '../../db/schema'
import OrganizerInvitation from '../../emails/organizer-invitation'
import PasswordReset from '../../emails/password-reset'
import { config } from '../config.server'
import { ORGANIZER_TOKEN_MINUTES } from '../models/organizer-tokens.server'
import { hashToken } from '../utils/tokens.server'
import { singleLine } from '../utils/single-line'
import { renderEmail } from './render.server'
import type { OutgoingEmail } from './transport'

// Organizer account emails (decision 017) ride the sign-up emails' queue as kinds of their own:
// same claim, same idempotency key, same retry policy, and the token is scrubbed once sent.

/** What a queued organizer email needs. Everything it shows is fixed when it is queued, so a retry sends the same bytes. */
export type OrganizerEmailPayload =
  | { kind: 'organizer_invite'; token: string; invitationId: string; campaignTitle: string; company: string; role: OrganizerRole; invitedBy: string }
  | { kind: 'password_reset'; token: string }

export function isOrganizerEmail(kind: string): kind is OrganizerEmailPayload['kind'] {
  return kind === 'organizer_invite' || kind === 'password_reset'
}

/** The queue row of an organizer email (inserted by the caller, in the transaction that causes it). */
export function organizerEmailRow(input: { to: string; campaignId: number | null; payload: OrganizerEmailPayload }) {
  return { kind: input.payload.kind, to_email: input.to, campaign_id: input.campaignId, supporter_id: null, payload: JSON.stringify(input.payload) }
}

const sender = () => `"Quorum" <${config.mailFrom}>`

export async function composeOrganizerEmail(db: Db, to: string, payload: OrganizerEmailPayload): Promise<Omit<OutgoingEmail, 'idempotencyKey'>> {
  if (payload.kind === 'organizer_invite') {
    const element = createElement(OrganizerInvitation, {
      campaignTitle: payload.campaignTitle,
      company: payload.company,
      role: payload.role,
      invitedBy: payload.invitedBy,
      acceptUrl: `${config.appUrl}/organizer/invite/${payload.token}`,
      expiresInDays: ORGANIZER_TOKEN_MINUTES.invite / (24 * 60),
    })
    return { from: sender(), to, subject: `You are invited to organize ${singleLine(payload.campaignTitle)} on Quorum`, ...(await renderEmail(element)), headers: {} }
  }
  // Whether an account used the address was written down with the token when it was asked for,
  // so every attempt at this email renders the same.
  const token = await db.selectFrom('organizer_tokens').select('organizer_id').where('token_hash', '=', hashToken(payload.token)).where('purpose', '=', 'reset').executeTakeFirst()
  const hasAccount = token?.organizer_id != null
  const element = createElement(PasswordReset, {
    resetUrl: hasAccount ? `${config.appUrl}/organizer/reset/${payload.token}` : null,
    expiresInMinutes: ORGANIZER_TOKEN_MINUTES.reset,
    forgotUrl: `${config.appUrl}/organizer/forgot`,
  })
  return { from: sender(), to, subject: 'Your Quorum organizer password', ...(await renderEmail(element)), headers: {} }
}
