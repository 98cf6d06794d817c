import { createElement } from 'react'
import type { Campaign } from '../../db/schema'
import ConfirmPledge from '../../emails/confirm-pledge'
import type { EmailCampaign } from '../../emails/layout'
import ManagePledge from '../../emails/manage-pledge'
import { config } from '../config.server'
import { translatorFor } from '../i18n/instance'
import { DEFAULT_LOCALE, type Locale, localizedPath } from '../i18n/locales'
import { renderEmail, senderFor, unsubscribeHeaders } from './render.server'
import { TOKEN_LIFETIME_DAYS } from '../models/supporter-tokens.server'
import { singleLine } from '../utils/single-line'
import type { PledgeParts } from '../utils/sign-up-sentences'
import type { OutgoingEmail } from './transport'

/**
 * What a queued sign-up email needs; the tokens are scrubbed from the queue once it is sent. Its
 * language is the sign-up's, kept in the row (rows queued before languages have none: English),
 * so that a retry renders the same bytes.
 */
export type SignUpEmailPayload =
  | { kind: 'confirm'; signUp: 'pledge' | 'follow'; pledge?: PledgeParts | null; confirmToken: string; manageToken: string; unsubscribeToken: string; locale?: Locale }
  | { kind: 'manage'; manageToken: string; unsubscribeToken: string; locale?: Locale }

type CampaignForMail = Pick<Campaign, 'slug' | 'title' | 'company' | 'legend' | 'postal_address' | 'sender_name'>

function emailCampaign(campaign: CampaignForMail, locale: Locale = DEFAULT_LOCALE): EmailCampaign {
  const pageUrl = `${config.appUrl}${localizedPath(`/c/${campaign.slug}`, locale)}`
  return { title: campaign.title, company: campaign.company, legend: campaign.legend, postalAddress: campaign.postal_address, pageUrl }
}

/** Renders a confirmation or "manage your pledge" email, with its one-click unsubscribe headers. */
export async function composeSignUpEmail(campaign: CampaignForMail, to: string, payload: SignUpEmailPayload): Promise<Omit<OutgoingEmail, 'idempotencyKey'>> {
  const manageUrl = `${config.appUrl}/me/${payload.manageToken}`
  const unsubscribeUrl = `${config.appUrl}/u/${payload.unsubscribeToken}`
  const locale = payload.locale ?? DEFAULT_LOCALE
  const t = translatorFor(locale)
  const title = singleLine(campaign.title)
  const common = { campaign: emailCampaign(campaign, locale), manageUrl, unsubscribeUrl, locale }
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
          t(payload.signUp === 'pledge' ? 'email.confirm.subjectPledge' : 'email.confirm.subjectFollow', { title }),
        ]
      : [createElement(ManagePledge, common), t('email.manage.subject', { title })]
  return { from: senderFor(campaign), to, subject, ...(await renderEmail(element)), headers: unsubscribeHeaders(unsubscribeUrl) }
}
