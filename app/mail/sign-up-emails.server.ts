import { createElement } from 'react'
import type { Campaign } from '../../db/schema'
import ConfirmPledge from '../../emails/confirm-pledge'
import type { EmailCampaign } from '../../emails/layout'
import ManagePledge from '../../emails/manage-pledge'
import { config } from '../config.server'
import { renderEmail, senderFor, unsubscribeHeaders } from './render.server'
import { TOKEN_LIFETIME_DAYS } from '../models/supporter-tokens.server'
import { singleLine } from '../utils/single-line'
import type { PledgeParts } from '../utils/sign-up-sentences'
import type { OutgoingEmail } from './transport'

/** What a queued sign-up email needs; the tokens are scrubbed from the queue once it is sent. */
export type SignUpEmailPayload =
  | { kind: 'confirm'; signUp: 'pledge' | 'follow'; pledge?: PledgeParts | null; confirmToken: string; manageToken: string; unsubscribeToken: string }
  | { kind: 'manage'; manageToken: string; unsubscribeToken: string }

type CampaignForMail = Pick<Campaign, 'slug' | 'title' | 'company' | 'legend' | 'postal_address' | 'sender_name'>

function emailCampaign(campaign: CampaignForMail): EmailCampaign {
  return { title: campaign.title, company: campaign.company, legend: campaign.legend, postalAddress: campaign.postal_address, pageUrl: `${config.appUrl}/c/${campaign.slug}` }
}

/** Renders a confirmation or "manage your pledge" email, with its one-click unsubscribe headers. */
export async function composeSignUpEmail(campaign: CampaignForMail, to: string, payload: SignUpEmailPayload): Promise<Omit<OutgoingEmail, 'idempotencyKey'>> {
  const manageUrl = `${config.appUrl}/me/${payload.manageToken}`
  const unsubscribeUrl = `${config.appUrl}/u/${payload.unsubscribeToken}`
  const common = { campaign: emailCampaign(campaign), manageUrl, unsubscribeUrl }
  const [element, subject] =
    payload.kind === 'confirm'
      ? [
          createElement(ConfirmPledge, {
            ...common,
            kind: payload.signUp,
            // Rows queued before the pledge was kept in parts have none: the email then thanks without detail.
            pledge: payload.pledge ?? null,
            confirmUrl: `${config.appUrl}/confirm/${payload.confirmToken}`,
            expiresInDays: TOKEN_LIFETIME_DAYS.confirm,
          }),
          `Confirm your ${payload.signUp === 'pledge' ? 'pledge' : 'subscription'}: ${singleLine(campaign.title)}`,
        ]
      : [createElement(ManagePledge, common), `Your pledge on ${singleLine(campaign.title)}`]
  return { from: senderFor(campaign), to, subject, ...(await renderEmail(element)), headers: unsubscribeHeaders(unsubscribeUrl) }
}
