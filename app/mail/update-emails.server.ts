import { createHash } from 'node:crypto'
import { createElement } from 'react'
import type { Campaign, Db, Update } from '../../db/schema'
import { updateTemplates } from '../../emails/index'
import { config } from '../config.server'
import { DEFAULT_LOCALE, type Locale, localizedPath } from '../i18n/locales'
import { listIdFor, renderEmail, senderFor, unsubscribeHeaders } from './render.server'
import { formatDateIn, formatTimeIn } from '../utils/dates'
import { renderMarkdown } from '../utils/markdown.server'
import { singleLine } from '../utils/single-line'
import { deriveToken } from '../utils/tokens.server'
import type { MailTransport, OutgoingEmail, SendResult } from './transport'
import { defaultTransport } from './default-transport.server'

// An update is rendered once, with placeholders where each recipient's links go, and then
// personalised by substitution: fast at 100,000 recipients, and byte-identical on every retry
// because the links' tokens are derived from the delivery id rather than drawn at random.

const MANAGE = 'QUORUMMANAGETOKENPLACEHOLDER00000000000000'
const UNSUBSCRIBE = 'QUORUMUNSUBSCRIBETOKENPLACEHOLDER000000000'
const VOTED = 'QUORUMVOTEDTOKENPLACEHOLDER00000000000000'

type CampaignForUpdate = Pick<Campaign, 'slug' | 'title' | 'company' | 'legend' | 'postal_address' | 'sender_name' | 'vote_deadline' | 'time_zone'>
type UpdateForMail = Pick<Update, 'id' | 'kind' | 'subject' | 'body' | 'updated_at' | 'public_figures'>

export interface RenderedUpdate {
  from: string
  subject: string
  html: string
  text: string
  listId: string
}

// A send renders each batch of 100 from here, so a large campaign renders its update once
// rather than a thousand times. Keyed on every input the email shows (the campaign's texts as
// well as the update's), so that a changed legend, postal address or sender name is in the
// very next preview, test or batch.
const rendered = new Map<string, Promise<RenderedUpdate>>()

function renderKey(campaign: CampaignForUpdate, update: UpdateForMail, locale: Locale): string {
  const { slug, title, company, legend, postal_address, sender_name, vote_deadline, time_zone } = campaign
  const { id, kind, subject, body, updated_at, public_figures } = update
  const inputs = [config.appUrl, slug, title, company, legend, postal_address, sender_name, vote_deadline, time_zone, id, kind, subject, body, updated_at, public_figures, locale]
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url')
}

/**
 * The update as every recipient in `locale` gets it, links aside; remembered while its inputs stay
 * the same. The language sets the fixed texts, dates, numbers and the links to Quorum's pages;
 * the organizer's subject and body are as written.
 */
export function renderUpdate(campaign: CampaignForUpdate, update: UpdateForMail, locale: Locale = DEFAULT_LOCALE): Promise<RenderedUpdate> {
  const key = renderKey(campaign, update, locale)
  let result = rendered.get(key)
  if (!result) {
    result = (async () => {
      const pagePath = `/c/${campaign.slug}`
      const pageUrl = `${config.appUrl}${localizedPath(pagePath, locale)}`
      const element = createElement(updateTemplates[update.kind], {
        locale,
        campaign: { title: campaign.title, company: campaign.company, legend: campaign.legend, postalAddress: campaign.postal_address, pageUrl },
        subject: update.subject,
        bodyHtml: renderMarkdown(update.body, `update-${update.id}`, { imageOrigins: mailImageOrigins() }),
        voteUrl: `${config.appUrl}${localizedPath(`${pagePath}/vote`, locale)}`,
        manageUrl: `${config.appUrl}/me/${MANAGE}`,
        unsubscribeUrl: `${config.appUrl}/u/${UNSUBSCRIBE}`,
        votedUrl: `${config.appUrl}/v/${VOTED}`,
        deadline: `${formatTimeIn(campaign.vote_deadline, campaign.time_zone, locale)}, ${formatDateIn(campaign.vote_deadline, campaign.time_zone, locale)}`,
        figures: update.public_figures,
      })
      const { html, text } = await renderEmail(element)
      return { from: senderFor(campaign), subject: singleLine(update.subject), html, text, listId: listIdFor(campaign) }
    })()
    if (rendered.size > 50) rendered.delete(rendered.keys().next().value as string)
    rendered.set(key, result)
  }
  return result
}

/** Quorum's own origin and MAIL_IMAGE_ORIGINS: the only places an update's images load from. */
export function mailImageOrigins() {
  return { base: config.appUrl, origins: [new URL(config.appUrl).origin, ...config.mailImageOrigins] }
}

/** The links of one delivery, derived from its id: the same on every retry, different for everyone. */
export function deliveryTokens(deliveryId: string): { manage: string; unsubscribe: string; voted: string } {
  const secret = config.sessionSecrets[0]!
  const derive = (purpose: string) => deriveToken(secret, `delivery:${deliveryId}:${purpose}`)
  return { manage: derive('manage'), unsubscribe: derive('unsubscribe'), voted: derive('voted') }
}

/** One recipient's copy: their own manage, "I voted" and one-click unsubscribe links and headers. */
export function personalise(update: RenderedUpdate, recipient: { deliveryId: string; email: string }): OutgoingEmail {
  const tokens = deliveryTokens(recipient.deliveryId)
  const fill = (s: string) => s.split(MANAGE).join(tokens.manage).split(UNSUBSCRIBE).join(tokens.unsubscribe).split(VOTED).join(tokens.voted)
  return {
    from: update.from,
    to: recipient.email,
    subject: update.subject,
    html: fill(update.html),
    text: fill(update.text),
    headers: { ...unsubscribeHeaders(`${config.appUrl}/u/${tokens.unsubscribe}`), 'List-Id': update.listId },
  }
}

/** The copy an organizer previews (in English, like the organizer area): the update's own bytes, with links that lead nowhere. */
export async function previewCopy(campaign: CampaignForUpdate, update: UpdateForMail): Promise<OutgoingEmail> {
  return personalise(await renderUpdate(campaign, update), { deliveryId: 'preview', email: 'you@example.org' })
}

/** Sends one message at once, outside any queue (an organizer's test send). */
export async function sendOne(db: Db, email: OutgoingEmail, transport: MailTransport = defaultTransport(db)): Promise<SendResult> {
  return transport.send(email)
}
